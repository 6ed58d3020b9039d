"""The training scripts import each other as top-level modules (they run as `python3 training/x.py`)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
