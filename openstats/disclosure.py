"""Statistical disclosure control for the open statistics (pure Python, no Django).

A table counts people (or events of people) in cells; its margins are row totals, column
totals and the grand total. :func:`protect` decides which figures may be published.

**Primary suppression.** Every figure ``n`` with ``0 < n < k`` is suppressed — interior cells
and margins alike.

**Zeros are published.** A true zero describes nobody, so it cannot single a person out;
hiding zeros would blank most of a sparse table. Because zeros are shown, a reader may assume
that every hidden figure is at least 1, so the rules below are checked against that stronger
reader (a suppressed figure is assumed to be ``>= 1``), and a zero is never chosen for
secondary suppression.

**Secondary (complementary) suppression.** A hidden figure must not be recoverable from the
published ones through the table's additive structure (each row adds up to its row total,
each column to its column total, the totals to the grand total). Written with a sign flip on
the single margins, every line of the extended table sums to zero, so every way of changing
the hidden figures without changing anything published is a sum of *alternating cycles* of
hidden cells (rows and columns are the nodes of a bipartite graph, hidden cells its edges).
A hidden figure can be pinned down exactly iff no such cycle lets it move by one in either
direction while every hidden figure stays ``>= 1``. :func:`exposed_cells` finds the pinned
figures with a path search; :func:`protect` then hides the published figures along the cheapest
cycle that frees a pinned one (a shortest path where hiding a figure costs its value, a margin
three times its value — the classic network heuristic for cell suppression) and repeats until
nothing is pinned. A line without a published total (for example the regions of a
skill, whose per-skill counts overlap) imposes no equation and is treated as free.

Reported flags never tell primary from secondary suppression, so a hidden figure may be
anything from 1 upwards.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field

DEFAULT_K = 5
FREE = ("free",)  # the node that stands for every line without a published total


@dataclass(frozen=True)
class Figure:
    """One published figure: ``value`` is None when ``suppressed``."""

    value: int | None
    suppressed: bool = False


@dataclass
class ProtectedTable:
    """The figures to publish: ``cells[i][j]``, ``row_totals[i]``, ``column_totals[j]`` and
    ``grand_total`` (the margins are None when the table was protected without them)."""

    cells: list[list[Figure]]
    row_totals: list[Figure] | None = None
    column_totals: list[Figure] | None = None
    grand_total: Figure | None = None
    suppressed_positions: set[tuple[int, int]] = field(default_factory=set)

    @property
    def suppressed_count(self) -> int:
        return len(self.suppressed_positions)


class _Grid:
    """The extended table: interior ``R x C`` plus a totals column (index C) and a totals row
    (index R) when those margins exist."""

    def __init__(self, matrix: Sequence[Sequence[int]], *, row_totals: bool, column_totals: bool):
        self.n_rows = len(matrix)
        self.n_cols = len(matrix[0]) if matrix else 0
        if any(len(row) != self.n_cols for row in matrix):
            raise ValueError("every row must have the same number of cells")
        if any(v < 0 for row in matrix for v in row):
            raise ValueError("counts cannot be negative")
        self.has_row_totals = row_totals
        self.has_column_totals = column_totals
        self.values: dict[tuple[int, int], int] = {}
        for i, row in enumerate(matrix):
            for j, value in enumerate(row):
                self.values[(i, j)] = int(value)
            if row_totals:
                self.values[(i, self.n_cols)] = sum(int(v) for v in row)
        if column_totals:
            for j in range(self.n_cols):
                self.values[(self.n_rows, j)] = sum(int(row[j]) for row in matrix)
            if row_totals:
                self.values[(self.n_rows, self.n_cols)] = sum(int(v) for r in matrix for v in r)

    def is_margin(self, pos: tuple[int, int]) -> bool:
        i, j = pos
        return i == self.n_rows or j == self.n_cols

    def sign(self, pos: tuple[int, int]) -> int:
        """+1 if the figure enters its lines' zero-sum equations as itself, -1 if negated."""
        i, j = pos
        single_margin = (i == self.n_rows) != (j == self.n_cols)
        return -1 if single_margin else 1

    def row_node(self, i: int):
        # A row is an equation only when it has a published total (a totals column).
        return ("row", i) if self.has_row_totals else FREE

    def col_node(self, j: int):
        return ("col", j) if self.has_column_totals else FREE


def _movable(grid: _Grid, suppressed: set, target: tuple[int, int], lower_bound: int) -> bool:
    """Can ``target`` change by one along a cycle of suppressed figures, each staying
    ``>= lower_bound``? (A direction +1 on edge row→col means the figure moves by its sign.)"""
    arcs: dict[object, list[object]] = {}

    def add_arc(a, b):
        arcs.setdefault(a, []).append(b)

    for pos in suppressed:
        if pos == target:
            continue
        r, c = grid.row_node(pos[0]), grid.col_node(pos[1])
        sign = grid.sign(pos)
        can_fall = grid.values[pos] - 1 >= lower_bound
        # traversing r→c moves the figure by +sign; c→r by -sign (a figure can always rise)
        if sign > 0 or can_fall:
            add_arc(r, c)
        if sign < 0 or can_fall:
            add_arc(c, r)

    r, c = grid.row_node(target[0]), grid.col_node(target[1])
    if r == c:  # both lines free: nothing ties the figure to anything published
        return True

    def reachable(start, goal) -> bool:
        seen = {start}
        queue = deque([start])
        while queue:
            node = queue.popleft()
            if node == goal:
                return True
            for nxt in arcs.get(node, ()):
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
        return False

    # target moves +sign via r→c then a path c ⇝ r; it moves -sign via c→r then r ⇝ c.
    sign = grid.sign(target)
    fall_ok = grid.values[target] - 1 >= lower_bound
    up_arc_ok = sign > 0 or fall_ok
    down_arc_ok = sign < 0 or fall_ok
    return (up_arc_ok and reachable(c, r)) or (down_arc_ok and reachable(r, c))


def exposed_cells(grid: _Grid, suppressed: set, *, lower_bound: int = 1) -> list[tuple[int, int]]:
    """Suppressed positions whose value follows exactly from the published figures."""
    return sorted(pos for pos in suppressed if not _movable(grid, suppressed, pos, lower_bound))


def _cheapest_cycle(grid: _Grid, suppressed: set, target: tuple[int, int], lower_bound: int):
    """The non-zero published figures whose suppression gives ``target`` the cheapest cycle
    to move on (Dijkstra over the same arcs as :func:`_movable`; hidden figures cost nothing,
    a published one costs 1 + its value, three times its value for a margin). None if even
    hiding everything would not free it."""
    arcs: dict[object, list[tuple[object, int, tuple[int, int]]]] = {}
    for pos, value in grid.values.items():
        if pos == target or value <= 0:
            continue
        if pos in suppressed:
            cost = 0
        else:
            cost = 1 + value * (3 if grid.is_margin(pos) else 1)
        r, c = grid.row_node(pos[0]), grid.col_node(pos[1])
        sign = grid.sign(pos)
        can_fall = value - 1 >= lower_bound
        if sign > 0 or can_fall:
            arcs.setdefault(r, []).append((c, cost, pos))
        if sign < 0 or can_fall:
            arcs.setdefault(c, []).append((r, cost, pos))

    def cheapest(start, goal):
        best = {start: 0}
        came: dict[object, tuple[object, tuple[int, int]]] = {}
        heap = [(0, 0, start)]
        counter = 0
        while heap:
            dist, _n, node = heapq.heappop(heap)
            if node == goal:
                path = []
                while node != start:
                    node, pos = came[node]
                    path.append(pos)
                return dist, path
            if dist > best.get(node, dist):
                continue
            for nxt, cost, pos in arcs.get(node, ()):
                nd = dist + cost
                if nd < best.get(nxt, nd + 1):
                    best[nxt] = nd
                    came[nxt] = (node, pos)
                    counter += 1
                    heapq.heappush(heap, (nd, counter, nxt))
        return None

    r, c = grid.row_node(target[0]), grid.col_node(target[1])
    sign = grid.sign(target)
    fall_ok = grid.values[target] - 1 >= lower_bound
    options = []
    if sign > 0 or fall_ok:  # target takes arc r→c, the cycle returns c ⇝ r
        options.append(cheapest(c, r))
    if sign < 0 or fall_ok:
        options.append(cheapest(r, c))
    options = [o for o in options if o is not None]
    if not options:
        return None
    _cost, path = min(options, key=lambda o: o[0])
    return [pos for pos in path if pos not in suppressed]


def _suppress(grid: _Grid, k: int) -> set[tuple[int, int]]:
    suppressed = {pos for pos, value in grid.values.items() if 0 < value < k}
    while True:
        exposed = exposed_cells(grid, suppressed)
        if not exposed:
            return suppressed
        additions = _cheapest_cycle(grid, suppressed, exposed[0], 1)
        if not additions:
            rest = [p for p, v in grid.values.items() if p not in suppressed and v > 0]
            if not rest:  # everything non-zero is hidden already
                return suppressed
            additions = [min(rest, key=lambda p: (grid.is_margin(p), grid.values[p], p))]
        suppressed.update(additions)


def protect(
    matrix: Sequence[Sequence[int]],
    *,
    k: int = DEFAULT_K,
    row_totals: bool = True,
    column_totals: bool = True,
) -> ProtectedTable:
    """Apply primary and secondary suppression to a table of counts of people.

    ``matrix`` holds the interior cells; the requested margins are computed here (so they
    are always consistent with the cells) and protected with them."""
    if k < 1:
        raise ValueError("k must be at least 1")
    grid = _Grid(matrix, row_totals=row_totals, column_totals=column_totals)
    if row_totals and not column_totals:
        # the rows share no equation, so each is protected on its own (much faster)
        suppressed = set()
        for i, row in enumerate(matrix):
            part = _Grid([row], row_totals=True, column_totals=False)
            suppressed |= {(i, j) for _i, j in _suppress(part, k)}
    elif column_totals and not row_totals:
        transposed = [list(col) for col in zip(*matrix, strict=True)] if matrix else []
        suppressed = set()
        for j, col in enumerate(transposed):
            part = _Grid([col], row_totals=True, column_totals=False)
            suppressed |= {(i, j) for _j, i in _suppress(part, k)}
    else:
        suppressed = _suppress(grid, k)

    def figure(pos) -> Figure:
        if pos in suppressed:
            return Figure(None, True)
        return Figure(grid.values[pos], False)

    table = ProtectedTable(
        cells=[[figure((i, j)) for j in range(grid.n_cols)] for i in range(grid.n_rows)],
        suppressed_positions=set(suppressed),
    )
    if row_totals:
        table.row_totals = [figure((i, grid.n_cols)) for i in range(grid.n_rows)]
    if column_totals:
        table.column_totals = [figure((grid.n_rows, j)) for j in range(grid.n_cols)]
    if row_totals and column_totals:
        table.grand_total = figure((grid.n_rows, grid.n_cols))
    return table


def protect_counts(values: Sequence[int], *, k: int = DEFAULT_K) -> list[Figure]:
    """Primary suppression only, for a list of counts with no published total."""
    return [Figure(None, True) if 0 < v < k else Figure(int(v), False) for v in values]
