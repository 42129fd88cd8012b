import pytest


@pytest.fixture(autouse=True)
def statistics_dir(settings, tmp_path):
    """Each test keeps its columnar copy in its own directory."""
    settings.STATISTICS_DIR = tmp_path / "statistics"
    return settings.STATISTICS_DIR


@pytest.fixture
def files(tmp_path):
    directory = tmp_path / "files"
    directory.mkdir()
    return directory
