"""Run skillframe as ``python -m skillframe``."""

from skillframe.app import main

if __name__ == "__main__":
    main()
