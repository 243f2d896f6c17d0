"""Write the sample round's generated PDF attachments (kczy.samplepdf); never overwrites a different file."""

import sys
from pathlib import Path

from kczy.samplepdf import sample_attachments

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    status = 0
    for relative, data in sample_attachments().items():
        path = ROOT / relative
        if path.exists() and path.read_bytes() != data:
            print(f"{relative}：已存在且内容不同，未覆盖", file=sys.stderr)
            status = 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"{relative}：{len(data)} 字节")
    return status


if __name__ == "__main__":
    sys.exit(main())
