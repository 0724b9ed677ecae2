"""openstats.disclosure: primary and secondary suppression (no database).

The property tests play the attacker: they see only the published figures and solve linear
programmes (scipy) for the smallest and the largest value each hidden figure can take given
the published totals. No hidden figure may be pinned to one value."""

import random

import pytest
from scipy.optimize import linprog

from openstats.disclosure import DEFAULT_K, Figure, protect, protect_counts


def published_grid(table, *, row_totals=True, column_totals=True):
    """The extended table as the reader sees it: {(i, j): value or None}."""
    n_rows = len(table.cells)
    n_cols = len(table.cells[0]) if n_rows else 0
    grid = {}
    for i, row in enumerate(table.cells):
        for j, fig in enumerate(row):
            grid[(i, j)] = fig.value
    if row_totals:
        for i, fig in enumerate(table.row_totals):
            grid[(i, n_cols)] = fig.value
    if column_totals:
        for j, fig in enumerate(table.column_totals):
            grid[(n_rows, j)] = fig.value
    if row_totals and column_totals:
        grid[(n_rows, n_cols)] = table.grand_total.value
    return grid, n_rows, n_cols


def attacker_intervals(table, *, row_totals=True, column_totals=True, lower_bound=1):
    """{position: (min, max)} of every hidden figure, from the published figures only."""
    grid, n_rows, n_cols = published_grid(table, row_totals=row_totals, column_totals=column_totals)
    hidden = sorted(p for p, v in grid.items() if v is None)
    if not hidden:
        return {}
    index = {p: n for n, p in enumerate(hidden)}
    equations = []  # list of ({position: coefficient}, constant)
    if row_totals:
        for i in range(n_rows):
            terms = {(i, j): 1 for j in range(n_cols)}
            terms[(i, n_cols)] = -1
            equations.append(terms)
        if column_totals:
            terms = {(n_rows, j): 1 for j in range(n_cols)}
            terms[(n_rows, n_cols)] = -1
            equations.append(terms)
    if column_totals:
        for j in range(n_cols + (1 if row_totals else 0)):
            terms = {(i, j): 1 for i in range(n_rows)}
            terms[(n_rows, j)] = -1
            equations.append(terms)
    a_eq, b_eq = [], []
    for terms in equations:
        row = [0] * len(hidden)
        constant = 0
        for pos, coefficient in terms.items():
            if grid[pos] is None:
                row[index[pos]] += coefficient
            else:
                constant -= coefficient * grid[pos]
        if any(row):
            a_eq.append(row)
            b_eq.append(constant)
    bounds = [(lower_bound, None)] * len(hidden)
    intervals = {}
    for pos in hidden:
        c = [0] * len(hidden)
        c[index[pos]] = 1
        low = linprog(c, A_eq=a_eq or None, b_eq=b_eq or None, bounds=bounds, method="highs")
        c[index[pos]] = -1
        high = linprog(c, A_eq=a_eq or None, b_eq=b_eq or None, bounds=bounds, method="highs")
        assert low.status == 0, "the true values are feasible, so the programme is too"
        upper = float("inf") if high.status == 3 else -high.fun
        intervals[pos] = (low.fun, upper)
    return intervals


def true_grid(matrix):
    n_rows, n_cols = len(matrix), len(matrix[0])
    grid = {(i, j): v for i, row in enumerate(matrix) for j, v in enumerate(row)}
    for i, row in enumerate(matrix):
        grid[(i, n_cols)] = sum(row)
    for j in range(n_cols):
        grid[(n_rows, j)] = sum(row[j] for row in matrix)
    grid[(n_rows, n_cols)] = sum(map(sum, matrix))
    return grid


def random_matrix(rng):
    n_rows, n_cols = rng.randint(1, 6), rng.randint(1, 6)
    weights = [0, 0, 1, 1, 2, 3, 4, 5, 6, 8, 12, 30]
    return [[rng.choice(weights) for _ in range(n_cols)] for _ in range(n_rows)]


# --- primary suppression ------------------------------------------------------------------


def test_protect__cells_below_k_are_hidden_and_others_shown():
    # given
    matrix = [[4, 5, 0], [20, 30, 40]]
    # when
    table = protect(matrix, k=5, row_totals=False, column_totals=False)
    # then
    assert table.cells[0] == [Figure(None, True), Figure(5, False), Figure(0, False)]
    assert table.cells[1] == [Figure(20), Figure(30), Figure(40)]


def test_protect__zero_is_published_as_zero():
    table = protect([[0, 0], [10, 10]])
    assert table.cells[0] == [Figure(0), Figure(0)]
    assert table.row_totals[0] == Figure(0)


def test_protect__small_total_is_hidden():
    table = protect([[3, 0], [10, 10]])
    assert table.row_totals[0].suppressed is True
    assert table.row_totals[0].value is None


def test_protect__k_comes_from_the_argument():
    table = protect([[7, 30]], k=10, row_totals=False, column_totals=False)
    assert table.cells[0][0] == Figure(None, True)
    assert DEFAULT_K == 5


def test_protect_counts__primary_only():
    assert protect_counts([0, 1, 4, 5, 9]) == [
        Figure(0),
        Figure(None, True),
        Figure(None, True),
        Figure(5),
        Figure(9),
    ]


# --- secondary suppression ----------------------------------------------------------------


def test_protect__single_hidden_cell_in_a_row_gets_a_partner():
    # given: 3 would be total(13) - 10 without a second hidden cell
    matrix = [[3, 10, 40], [50, 60, 70]]
    # when
    table = protect(matrix)
    # then: the row has two hidden cells, the column of the 3 too
    assert [f.suppressed for f in table.cells[0]].count(True) >= 2
    assert [row[0].suppressed for row in table.cells].count(True) >= 2
    assert table.cells[0][1].suppressed is True  # the next smallest in the row
    intervals = attacker_intervals(table)
    assert intervals
    assert all(high - low >= 1 for low, high in intervals.values())


def test_protect__row_total_published_when_safe():
    table = protect([[3, 10, 40], [50, 60, 70]])
    assert table.row_totals[1] == Figure(180)
    assert table.grand_total == Figure(233)


def test_protect__two_ones_in_a_line_are_not_enough():
    # given: two hidden ones (the reader knows hidden figures are >= 1) would be exact
    matrix = [[1, 1, 40]]
    # when
    table = protect(matrix, column_totals=False)
    # then: the 40 is hidden as well, so the ones cannot be told
    assert table.cells[0] == [Figure(None, True)] * 3
    intervals = attacker_intervals(table, column_totals=False)
    assert all(high - low >= 1 for low, high in intervals.values())


def test_protect__one_dimensional_rows_are_protected_independently():
    table = protect([[2, 10, 12], [6, 7, 8]], column_totals=False)
    assert table.cells[1] == [Figure(6), Figure(7), Figure(8)]
    assert table.cells[0][0].suppressed
    assert table.cells[0][1].suppressed
    assert table.row_totals == [Figure(24), Figure(21)]


def test_protect__rejects_ragged_and_negative_tables():
    with pytest.raises(ValueError, match="same number"):
        protect([[1, 2], [3]])
    with pytest.raises(ValueError, match="negative"):
        protect([[1, -2]])


@pytest.mark.parametrize("seed", range(8))
def test_protect__property__no_hidden_figure_can_be_derived(seed):
    """40 random tables per seed (320 in all), with and without margins: every hidden figure
    keeps a range of at least two values for a reader who knows hidden figures are >= 1 (and so
    also for one who only knows they are >= 0)."""
    rng = random.Random(seed)
    for _ in range(40):
        matrix = random_matrix(rng)
        k = rng.choice([3, 5, 5, 5, 10])
        row_totals, column_totals = rng.choice(
            [(True, True), (True, True), (True, False), (False, True)]
        )
        table = protect(matrix, k=k, row_totals=row_totals, column_totals=column_totals)
        truth = true_grid(matrix)
        grid, _, _ = published_grid(table, row_totals=row_totals, column_totals=column_totals)
        # primary rule: no published figure is in 1..k-1, published ones are true
        for pos, value in grid.items():
            if value is not None:
                assert value == truth[pos]
                assert not 0 < value < k, (matrix, pos)
            else:
                assert truth[pos] > 0, "zeros are never hidden"
        # the feasible set for ">= 1" lies inside the one for ">= 0", so checking the
        # stronger reader covers both
        intervals = attacker_intervals(
            table, row_totals=row_totals, column_totals=column_totals, lower_bound=1
        )
        for pos, (low, high) in intervals.items():
            assert high - low >= 1 - 1e-6, (matrix, k, row_totals, column_totals, pos)
            assert low - 1e-6 <= truth[pos] <= high + 1e-6


@pytest.mark.parametrize("seed", range(2))
def test_protect__property__realistic_sparse_table(seed):
    """A table shaped like the enrolments one (20 regions × 13 service types), sparse and
    with many small figures: nothing hidden can be worked out."""
    rng = random.Random(100 + seed)
    matrix = [
        [rng.choice([0, 0, 0, 0, 0, 1, 2, 3, 4, 6, 9, 15, 40]) for _ in range(13)]
        for _ in range(20)
    ]
    table = protect(matrix)
    assert table.suppressed_count > 0
    for low, high in attacker_intervals(table).values():
        assert high - low >= 1 - 1e-6
