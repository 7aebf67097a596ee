"""skillframe: author, lint and export competency frameworks kept as YAML files."""

__version__ = "0.1.0"
