"""The Python face of the SoC descriptions: the same numbers as the data files, errors that say why."""

import pathlib
import re

import pytest

import ascendgen

ROOT = pathlib.Path(__file__).resolve().parents[2]
SOC_DATA = ROOT / "data" / "soc"


def data_file_fields(path: pathlib.Path) -> dict[str, str]:
    """The top-level `key: value` lines of a SoC YAML file, comments and sections (timing:) dropped."""
    fields = {}
    for raw in path.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if line and not raw[0].isspace():
            key, value = (part.strip() for part in line.split(":", 1))
            if value:
                fields[key] = value
    return fields


def test_version_is_the_cmake_project_version() -> None:
    cmake = (ROOT / "CMakeLists.txt").read_text()
    assert ascendgen.__version__ == re.search(r"project\(ascendgen VERSION ([0-9.]+)", cmake).group(1)


def test_builtin_socs_are_the_shipped_data_files() -> None:
    assert ascendgen.builtin_socs() == sorted(p.stem for p in SOC_DATA.glob("*.yaml"))


@pytest.mark.parametrize("name", ["Ascend910B2", "Ascend910B4"])
def test_load_soc_has_every_field_of_the_data_file(name: str) -> None:
    soc = ascendgen.load_soc(name)
    fields = data_file_fields(SOC_DATA / f"{name}.yaml")
    assert set(fields) <= {attr for attr in dir(soc) if not attr.startswith("_")}
    for key, text in fields.items():
        value = getattr(soc, key)
        assert value == type(value)(text), key
    assert name in repr(soc)


def test_load_soc_from_a_path(tmp_path: pathlib.Path) -> None:
    text = (SOC_DATA / "Ascend910B2.yaml").read_text()
    custom = tmp_path / "Custom.yaml"
    custom.write_text(text.replace("name: Ascend910B2", "name: Custom").replace("vector_cores: 48", "vector_cores: 8"))
    soc = ascendgen.load_soc(custom)
    assert (soc.name, soc.vector_cores) == ("Custom", 8)
    assert ascendgen.load_soc(str(custom)).vector_cores == 8


def test_load_soc_errors_name_what_is_wrong(tmp_path: pathlib.Path) -> None:
    with pytest.raises(RuntimeError, match="NoSuchSoc"):
        ascendgen.load_soc("NoSuchSoc")
    broken = tmp_path / "Broken.yaml"
    broken.write_text("name: Broken\ncube_cores: 1\n")
    with pytest.raises(RuntimeError, match="missing field 'vector_cores'"):
        ascendgen.load_soc(broken)


def test_soc_description_is_read_only() -> None:
    soc = ascendgen.load_soc("Ascend910B2")
    with pytest.raises(AttributeError):
        soc.vector_cores = 1  # type: ignore[misc]
