"""The README lists every option of `tong-hop` (a user must not meet one only in --help, or a default unnamed)."""

from pathlib import Path

from pipeline.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_tong_hop_option_is_in_the_readme():
    command = main.commands["tong-hop"]
    options = [name for param in command.params for name in getattr(param, "opts", ()) if name.startswith("-")]
    assert "--ky-hieu" in options
    missing = [name for name in options if f"`{name}" not in README and f" {name}`" not in README
               and f"`{name} " not in README]
    assert missing == []
