"""A zip bomb for the upload tests: a real workbook whose shared strings unpack to 1 GiB (about 5 MB packed).

Built once per test process (about two seconds); the code under test must refuse it from the sizes in the
archive's directory, without unpacking anything.
"""

import functools
import io
import zipfile

from openpyxl import Workbook

BOMB_UNPACKED_SIZE = 1024 * 1024 * 1024


@functools.cache
def xlsx_bomb() -> bytes:
    workbook = Workbook()
    workbook.active.append(["uscc", "name"])
    plain = io.BytesIO()
    workbook.save(plain)
    bomb = io.BytesIO()
    with (
        zipfile.ZipFile(plain) as source,
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out,
    ):
        for member in source.infolist():
            if member.filename != "xl/sharedStrings.xml":
                out.writestr(member, source.read(member))
        chunk = b"a" * (16 * 1024 * 1024)
        with out.open("xl/sharedStrings.xml", "w", force_zip64=True) as strings:
            for _ in range(BOMB_UNPACKED_SIZE // len(chunk)):
                strings.write(chunk)
    return bomb.getvalue()
