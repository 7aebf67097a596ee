"""Change a round-trip tree without moving its comments to the wrong place.

ruamel.yaml keeps a comment (and a blank line) with the node *before* it: the comment lines
between two statements belong to the end of the first one, and the comment above the next
domain belongs to the last statement of the previous domain. Appending to a list, removing its
last item or reordering keys with plain list and dict operations therefore drags comments
along: a new statement lands below the next section's heading, or a heading is deleted with the
statement above it. These helpers move that "trailing text" to where a reader expects it:

- :func:`insert_item` puts a new item after the previous item's own lines, before the comments
  that introduce what follows;
- :func:`remove_item` and :func:`remove_key` remove the item's own lines and keep every comment
  and blank line around it;
- :func:`add_key` adds a key before the comments that follow its neighbour;
- :func:`reorder_keys` reorders a mapping; the comments above a key move with it, and the text
  that follows the mapping stays at its end;
- :func:`reorder_items` reorders a list in the same way: each item with the comment lines above
  it, the text after the list at its end;
- :func:`sync_items` turns a list into another with the fewest removals and insertions;
- :func:`make_block`, :func:`make_flow` and :func:`unfold_item` switch a list or mapping between
  ``[a, b]`` and one item a line, keeping its comments;
- :func:`set_scalar` replaces a value and keeps its quoting (or block style) where that can
  still represent the new text.

Operations given to :func:`skillframe.edit.apply` should change lists and mappings through
these helpers. Trailing text is handled as verbatim lines (indentation included). Where ruamel.yaml
keeps it varies (the comment slot after the last value, or the end of a collection that ends
there); :func:`take_trailing` gathers it from all of them.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from skillframe import spec

#: Index of the comment that follows a value in ``ca.items[key]``: mapping and sequence.
_MAP_POST = 2
_SEQ_POST = 0
_SEQ_PRE = 1


def _ruamel() -> Any:
    from ruamel.yaml import comments

    return comments


def is_collection(node: Any) -> bool:
    comments = _ruamel()
    return isinstance(node, (comments.CommentedMap, comments.CommentedSeq))


def is_block(node: Any) -> bool:
    """A non-empty collection written in block style (its last line is a child's line)."""
    return is_collection(node) and len(node) > 0 and node.fa.flow_style() is not True


def _ends_line(value: Any) -> bool:
    """A block scalar (``|``, ``>``) ends with its own line break: no end-of-line comment."""
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    return isinstance(value, (FoldedScalarString, LiteralScalarString))


def _slot(container: Any, key: Any) -> tuple[Any, int]:
    comments = _ruamel()
    index = _SEQ_POST if isinstance(container, comments.CommentedSeq) else _MAP_POST
    return container.ca.items.get(key), index


def _last_path(node: Any) -> tuple[list[Any], Any, Any]:
    """The block collections from ``node`` down its last items, and the (container, key)
    whose comment slot follows the last value."""
    chain = [node]
    while True:
        key = len(node) - 1 if isinstance(node, list) else list(node.keys())[-1]
        child = node[key]
        if not is_block(child):
            return chain, node, key
        node = child
        chain.append(node)


def _token(value: str) -> Any:
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    return CommentToken(value, CommentMark(0), None)


def _split(token: Any, value: Any) -> tuple[str, str]:
    """A post-comment as (what ends the value's own line, the verbatim lines after it)."""
    text = token.value
    if not text.endswith("\n"):
        text += "\n"
    if _ends_line(value):
        column = token.column if text.startswith("#") else 0
        return "", " " * column + text
    head, _, rest = text.partition("\n")
    return head + "\n", rest


def _take_at(container: Any, key: Any) -> str:
    entry, index = _slot(container, key)
    token = entry[index] if entry is not None and len(entry) > index else None
    if token is None:
        return ""
    head, rest = _split(token, container[key])
    if head:
        token.value = head
    else:
        entry[index] = None
        child = container[key]
        if is_collection(child) and child.ca.comment and child.ca.comment[0] is token:
            child.ca.comment[0] = None
    return rest


def _give_at(container: Any, key: Any, text: str) -> None:
    if not text:
        return
    comments = _ruamel()
    entry, index = _slot(container, key)
    if entry is None:
        entry = [None, None, None, None]
        container.ca.items[key] = entry
    token = entry[index]
    if token is not None:
        value = token.value
        token.value = (value if value.endswith("\n") else value + "\n") + text
        return
    value = container[key]
    token = _token(text if _ends_line(value) else "\n" + text)
    entry[index] = token
    if isinstance(value, (comments.CommentedMap, comments.CommentedSeq)) and not is_block(value):
        value.ca.comment = [token, *(value.ca.comment or [None, None])[1:]]


def _verbatim(tokens: Any) -> str:
    """Comment tokens written before a node (or at a collection's end) as the lines they are."""
    out = []
    for token in tokens or []:
        text = token.value
        column = token.column if text.startswith("#") else 0
        out.append(" " * column + (text if text.endswith("\n") else text + "\n"))
    return "".join(out)


def take_trailing(node: Any) -> str:
    """Remove and return the lines after a block collection's last line (comments, blanks).

    ruamel.yaml keeps them after the last value, or at the end of one of the collections
    that end there; an end-of-line comment on the last line stays where it is.
    """
    if not is_block(node):
        return ""
    chain, container, key = _last_path(node)
    text = _take_at(container, key)
    for collection in reversed(chain):
        if collection.ca.end:
            text += _verbatim(collection.ca.end)
            collection.ca.end = []
    return text


def give_trailing(node: Any, text: str) -> None:
    """Put verbatim lines after a block collection's last line (after what is already there)."""
    if text and is_block(node):
        # ruamel.yaml writes a collection's end comments only when it has a comment record.
        if node.ca.comment is None:
            node.ca.comment = [None, None]
        if node.ca.end is None:
            node.ca.end = []
        node.ca.end.append(_token(text))


def _trailing_of(container: Any, key: Any) -> str:
    """The lines after the value at ``key`` (its own post-comment, or its last child's)."""
    value = container[key]
    if is_block(value):
        return take_trailing(value)
    return _take_at(container, key)


def _give_after(container: Any, key: Any, text: str) -> None:
    value = container[key]
    if is_block(value):
        give_trailing(value, text)
    else:
        _give_at(container, key, text)


def _take_pre(seq: Any, index: int) -> str:
    entry = seq.ca.items.get(index)
    if entry is None or len(entry) <= _SEQ_PRE or not entry[_SEQ_PRE]:
        return ""
    tokens = entry[_SEQ_PRE]
    entry[_SEQ_PRE] = None
    return _verbatim(tokens)


def _give_pre(seq: Any, index: int, text: str) -> None:
    if not text:
        return
    entry = seq.ca.items.setdefault(index, [None, None, None, None])
    existing = entry[_SEQ_PRE] or []
    entry[_SEQ_PRE] = [_token(text), *existing]


def _owner_rest(owner: tuple[Any, Any] | None) -> str:
    return _take_at(*owner) if owner is not None else ""


def insert_item(seq: Any, index: int, item: Any, owner: tuple[Any, Any] | None = None) -> None:
    """Insert ``item`` at ``index`` of a sequence, keeping comments with what they introduce.

    The new item goes right after the previous item's own lines; the comment lines that followed
    that item now follow the new one. ``owner`` (the mapping and key holding ``seq``) lets an
    empty flow list (``[]``) turn into a block list without losing the comment after it.
    """
    index = max(0, min(index, len(seq)))
    if len(seq) == 0:
        rest = _owner_rest(owner)
        if seq.fa.flow_style() is True and is_collection(item):
            seq.fa.set_block_style()
        seq.append(item)
        if owner is not None and is_block(seq):
            entry, slot = _slot(*owner)
            if entry is not None and entry[slot] is not None and not entry[slot].value.strip():
                entry[slot] = None
        if rest and owner is not None:
            if is_block(seq):
                give_trailing(seq, rest)
            else:
                _give_at(owner[0], owner[1], rest)
        return
    if index == 0:
        seq.insert(0, item)
        return
    rest = _trailing_of(seq, index - 1)
    seq.insert(index, item)
    _give_after(seq, index, rest)


def remove_item(seq: Any, index: int, owner: tuple[Any, Any] | None = None) -> Any:
    """Remove and return the item at ``index``; every comment and blank line around it stays."""
    before_it = _take_pre(seq, index)
    after_it = _trailing_of(seq, index)
    following = _take_pre(seq, index + 1) if index + 1 < len(seq) else ""
    item = seq.pop(index)
    text = before_it + after_it + following
    if not text:
        return item
    if index > 0:
        _give_after(seq, index - 1, text)
    elif len(seq) > 0:
        _give_pre(seq, 0, text)
    elif owner is not None:
        # The emptied list is written ``[]`` on its key's line, the lines after it below: in
        # block style they would come between the key and the ``[]``, which does not read.
        seq.fa.set_flow_style()
        _give_at(owner[0], owner[1], text)
    return item


def reorder_items(seq: Any, order: list[int]) -> None:
    """Put the items of a sequence in ``order`` (their old indices). The comment lines between
    two items introduce the second and move with it; the lines before the first item and after
    the last one belong to the list and stay where they are."""
    count = len(seq)
    if sorted(order) != list(range(count)):
        raise ValueError(f"not an order of {count} items: {order}")
    if list(order) == list(range(count)):
        return
    introductions: dict[int, str] = {}
    for index in range(count):
        text = _trailing_of(seq, index - 1) if index > 0 else ""
        introductions[id(seq[index])] = text + _take_pre(seq, index)
    after = _trailing_of(seq, count - 1)
    for position, wanted in enumerate([seq[index] for index in order]):
        index = next(i for i in range(position, count) if seq[i] is wanted)
        if index != position:
            seq.insert(position, seq.pop(index))
    for index in range(count):
        _give_pre(seq, index, introductions[id(seq[index])])
    _give_after(seq, count - 1, after)


def sync_items(
    seq: Any,
    have: Sequence[Any],
    want: Sequence[Any],
    make: Callable[[Any], Any],
    owner: tuple[Any, Any] | None = None,
) -> None:
    """Turn a sequence whose items are known as ``have`` into ``want`` with the fewest
    removals and insertions (an item made by ``make`` from its ``want`` value); the items
    that stay are not touched, and comments stay as :func:`remove_item` and
    :func:`insert_item` keep them."""
    import difflib

    matcher = difflib.SequenceMatcher(None, list(have), list(want), autojunk=False)
    for tag, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
        if tag == "equal":
            continue
        for index in reversed(range(i1, i2)):
            remove_item(seq, index, owner)
        for offset, value in enumerate(want[j1:j2]):
            insert_item(seq, i1 + offset, make(value), owner)


def remove_key(mapping: Any, key: Any) -> Any:
    """Remove and return ``mapping[key]``; the comment lines around it stay in place."""
    keys = list(mapping.keys())
    position = keys.index(key)
    text = _trailing_of(mapping, key)
    value = mapping.pop(key)
    if text and position > 0:
        _give_after(mapping, keys[position - 1], text)
    elif text and len(mapping) > 0:
        # The first key went: the lines that followed it now follow the new first key's value.
        first = keys[1]
        if is_block(mapping[first]):
            give_trailing(mapping[first], text)
        else:
            _give_at(mapping, first, text)
    return value


def add_key(
    mapping: Any, key: Any, value: Any, after: Iterable[str] = (), comment: str = ""
) -> None:
    """Set a new key, placed after the last of the keys named in ``after`` that is present
    (else at the end); the text that followed the mapping still follows it.

    ``comment`` (verbatim comment lines) goes above the new key in a block mapping where a key
    precedes it, after a blank line when the text that followed that key began with one (the
    file separates its sections so)."""
    present = [k for k in after if k in mapping]
    keys = list(mapping.keys())
    position = keys.index(present[-1]) + 1 if present else len(keys)
    at_end = position >= len(keys)
    if at_end:
        rest = take_trailing(mapping) if is_block(mapping) else ""
    else:
        rest = _trailing_of(mapping, keys[position - 1]) if position > 0 else ""
    if comment and position > 0 and is_block(mapping):
        blank = "\n" if rest[:1] in ("\n", "\r") else ""
        _give_after(mapping, keys[position - 1], blank + comment)
    if at_end:
        mapping[key] = value
        give_trailing(mapping, rest)
    else:
        mapping.insert(position, key, value)
        _give_after(mapping, key, rest)


def reorder_keys(mapping: Any, order: list[Any], top: bool = False) -> None:
    """Put the keys in ``order`` (keys not named follow, in their own order). The comment lines
    above a key move with it; the lines that followed the mapping still follow it. ``top``
    says the mapping is the document itself, where a comment can stand above the first key
    (elsewhere a comment above a key that becomes first follows that key's line)."""
    keys = list(mapping.keys())
    wanted = [k for k in order if k in mapping] + [k for k in keys if k not in order]
    if wanted == keys:
        return
    if not is_block(mapping):
        for k in wanted:
            mapping.move_to_end(k)
        return
    tail = take_trailing(mapping)
    above = {k: _trailing_of(mapping, previous) for previous, k in itertools.pairwise(keys)}
    for k in wanted:
        mapping.move_to_end(k)
    lead = above.pop(wanted[0], "")
    if lead and top:
        entry = mapping.ca.items.setdefault(wanted[0], [None, None, None, None])
        entry[1] = [_token(lead), *(entry[1] or [])]
    elif lead:
        _give_after(mapping, wanted[0], lead)
    for previous, k in itertools.pairwise(wanted):
        _give_after(mapping, previous, above.get(k, ""))
    give_trailing(mapping, tail)


def set_scalar(mapping: Any, key: Any, text: str, width: int = 0) -> None:
    """Set a text value, keeping the old value's style (quotes, ``>-`` folding) when it can
    still write the new text; a folded text is broken into lines of at most ``width``
    characters (its old width when 0)."""
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    old = mapping.get(key)
    new: Any
    if isinstance(old, FoldedScalarString):
        if str(old).endswith("\n") and not text.endswith("\n"):
            text += "\n"
        new = refold(old, text, width or fold_width(old))
    elif isinstance(old, LiteralScalarString):
        new = LiteralScalarString(text)
    else:
        new = scalar(text, like=old, flow=is_flow(mapping), key=key)
    put(mapping, key, new)


def put(mapping: Any, key: Any, value: Any) -> None:
    """``mapping[key] = value`` exactly as given: ruamel.yaml would otherwise give a plain
    text the quoting of the value it replaces."""
    from ruamel.yaml.compat import ordereddict

    if key in mapping:
        ordereddict.__setitem__(mapping, key, value)
    else:
        mapping[key] = value


def fold_width(value: Any, default: int = 0) -> int:
    """The longest line (in characters of text) of a folded scalar, as the dumper wrote it."""
    positions = list(getattr(value, "fold_pos", []) or [])
    if not positions:
        return default
    starts = [0, *(p + 1 for p in positions)]
    ends = [*positions, len(value)]
    return int(max(end - start for start, end in zip(starts, ends, strict=True)))


def refold(old: Any, text: str, width: int) -> Any:
    """A folded scalar of ``text`` that keeps the line breaks ``old`` had where the text did
    not change, so a one-word change rewrites one line; the changed lines are re-broken at
    ``width``."""
    from ruamel.yaml.scalarstring import FoldedScalarString

    before = str(old)
    folds = list(getattr(old, "fold_pos", []) or [])
    if not folds or width <= 0 or "\n" in text.rstrip("\n"):
        return folded(text, width)
    prefix = 0
    while prefix < min(len(before), len(text)) and before[prefix] == text[prefix]:
        prefix += 1
    suffix = 0
    limit = min(len(before), len(text)) - prefix
    while suffix < limit and before[-1 - suffix] == text[-1 - suffix]:
        suffix += 1
    shift = len(text) - len(before)
    head = [f for f in folds if f < prefix]
    tail = [
        f + shift
        for f in folds
        if f >= len(before) - suffix and f + shift > (head[-1] if head else -1)
    ]
    start = head[-1] + 1 if head else 0
    lines = len(folds) - len(head) - len(tail) + 1
    while True:
        end = tail[0] if tail else len(text.rstrip("\n"))
        middle = folded(text[start:end], width)
        if len(middle.fold_pos) < lines or not tail:
            break
        # The changed lines grew: let them flow into the next line rather than leave a stub.
        tail.pop(0)
        lines += 1
    value = FoldedScalarString(text)
    value.fold_pos = [*head, *(start + f for f in middle.fold_pos), *tail]
    return value


def folded(text: str, width: int) -> Any:
    """A folded (``>-``) scalar of ``text`` with its lines broken as :mod:`skillframe.spec`
    breaks them (at most ``width`` characters; one line when ``width`` is 0)."""
    from ruamel.yaml.scalarstring import FoldedScalarString

    value = FoldedScalarString(text)
    value.fold_pos = spec.fold_positions(text, width)
    return value


def scalar(text: str, like: Any = None, flow: bool = False, key: Any = None) -> Any:
    """``text`` as a value to put in the tree: in the quoting of ``like`` (the value it
    replaces, or a sibling's) when the writer chose it (``like`` would read the same plain), or
    when ``text`` needs quotes too; else plain when plain reads back the same, else in double
    quotes. A value that was quoted only because it had to be does not pass its quotes on, so
    an edit of a file in ``fmt``'s layout stays in that layout."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    plain = spec.plain_ok(text, flow)
    always = key is not None and spec.double_quoted_key(key, text)
    quoted = isinstance(like, (DoubleQuotedScalarString, SingleQuotedScalarString))
    if quoted and (not plain or always or spec.plain_ok(str(like), flow)):
        if isinstance(like, SingleQuotedScalarString) and "\n" not in text:
            return SingleQuotedScalarString(text)
        return DoubleQuotedScalarString(text)
    if always:
        return DoubleQuotedScalarString(text)
    if plain:
        return text
    return DoubleQuotedScalarString(text)


def is_flow(node: Any) -> bool:
    return is_collection(node) and node.fa.flow_style() is True


def make_flow(mapping: Any, key: Any) -> None:
    """Turn the block list at ``mapping[key]`` into a flow one (``[a, b]``); the lines that
    followed its last item follow the key's line."""
    value = mapping[key]
    if not is_block(value):
        return
    rest = take_trailing(value)
    value.fa.set_flow_style()
    _give_at(mapping, key, rest)


def unfold_item(seq: Any, index: int) -> None:
    """Write the flow mapping ``seq[index]`` (``- {id: x, name: X}``) as a block mapping; a
    comment after it ends its first line, and the lines after it follow its last line."""
    item: Any = seq[index]
    if not is_flow(item) or isinstance(item, list) or len(item) == 0:
        return
    entry, slot = _slot(seq, index)
    token = entry[slot] if entry is not None and len(entry) > slot else None
    head, rest = ("", "")
    if token is not None:
        head, rest = _split(token, item)
        entry[slot] = None
    item.fa.set_block_style()
    if item.ca.comment:
        item.ca.comment[0] = None
    if token is not None and head.strip():
        # the same comment, at the same column, now at the end of the first key's line
        token.value = head
        item.ca.items.setdefault(next(iter(item)), [None, None, None, None])[_MAP_POST] = token
    give_trailing(item, rest)


def make_block(mapping: Any, key: Any) -> None:
    """Turn the flow collection at ``mapping[key]`` into a block one, keeping the comment
    after it on the key's line and the lines that followed it after its last item."""
    value = mapping[key]
    if not is_flow(value):
        return
    rest = _take_at(mapping, key)
    value.fa.set_block_style()
    if value.ca.comment:
        value.ca.comment[0] = None
    entry, index = _slot(mapping, key)
    if entry is not None and entry[index] is not None and entry[index].value.strip() == "":
        entry[index] = None
    if len(value) > 0:
        give_trailing(value, rest)
    else:
        _give_at(mapping, key, rest)
