import hashlib
import io

import pytest

from investbridge.core.files import file_sha256

pytestmark = pytest.mark.unit


def test_file_sha256_same_for_path_and_open_file_which_is_rewound(tmp_path):
    content = b"%PDF-1.4 " + bytes(range(256)) * 5000
    path = tmp_path / "document.pdf"
    path.write_bytes(content)
    handle = io.BytesIO(content)
    handle.read(10)

    assert file_sha256(path) == file_sha256(handle) == hashlib.sha256(content).hexdigest()
    assert handle.tell() == 0
