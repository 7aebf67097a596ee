"""skillframe: author, lint and export competency frameworks kept as YAML files."""

__version__ = "0.2.0"
