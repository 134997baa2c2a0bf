"""spaCy builds a new `Token` object on every access (`tok.head`, `doc[i]`), so `a is b` between tokens
is almost never true and a loop that climbs `while tok.head is not tok` never ends at the root (issue 21:
a verbless headline hung the coder). Tokens are compared by `.i`. This test keeps identity comparisons
out of the package: `is` / `is not` only against constants (None, True, False), or on a line that says
why it means the same object (`# identity: ...`)."""

from __future__ import annotations

import ast
from pathlib import Path

import dyads

PACKAGE = Path(dyads.__file__).parent


def identity_comparisons(source: str) -> list[int]:
    lines = source.splitlines()
    found: list[int] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Compare):
            continue
        operands = [node.left, *node.comparators]
        for k, op in enumerate(node.ops):
            if not isinstance(op, ast.Is | ast.IsNot):
                continue
            if any(isinstance(x, ast.Constant) for x in operands[k:k + 2]):
                continue
            if "# identity:" not in lines[node.lineno - 1]:
                found.append(node.lineno)
    return found


def test_no_identity_comparison_outside_constants() -> None:
    offenders = [f"{path.relative_to(PACKAGE)}:{line}" for path in sorted(PACKAGE.rglob("*.py"))
                 for line in identity_comparisons(path.read_text(encoding="utf-8"))]
    assert offenders == [], "compare tokens by .i, not identity: " + ", ".join(offenders)


def test_the_check_finds_a_token_identity_loop() -> None:
    assert identity_comparisons("while clause.head is not clause:\n    clause = clause.head\n") == [1]
    assert identity_comparisons("if x is None or y is not True:\n    pass\n") == []
