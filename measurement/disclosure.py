"""Disclosure control: which computed cells each restricted audience may not see, chosen so
that people are protected and as little as possible is hidden. Pure: no Django.

The policy (``Policy``) says what is too small to publish. ``protect`` takes one table — the
cells of one indicator and period, with each contributing organization's part — and returns
its protected pattern: the primary cells the rules name, and the complementary (secondary)
cells chosen by a mixed-integer program (HiGHS, through SciPy's binding) so that no
reader can work a protected number out, at the least loss of people hidden. docs/measurement.md
explains the rules to backbone staff; docs/disclosure.md explains the method.
"""

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
from scipy import sparse
from scipy.optimize._highspy import _core as _highs


class SmallCount(StrEnum):
    """What a rate with few people counted (or not counted) shows restricted audiences."""

    RANGE = "range"  # a coded range such as "≤ 10%", with the group size published
    SUPPRESS = "suppress"  # nothing: the cell is hidden


class Reason(StrEnum):
    """Why a cell is hidden from restricted audiences ("" when it is published)."""

    NONE = ""
    GROUP_SIZE = "group_size"  # fewer people than the minimum group size
    SMALL_COUNT = "small_count"  # too few people counted, or not counted, in a rate
    CONTRIBUTORS = "contributors"  # too few organizations behind the figure
    SECONDARY = "secondary"  # hidden so that a primary cell cannot be worked out


PRIMARY_REASONS = (Reason.GROUP_SIZE, Reason.SMALL_COUNT, Reason.CONTRIBUTORS)


@dataclass(frozen=True)
class Policy:
    """An initiative's disclosure policy. ``min_count`` None means the minimum group size."""

    min_group_size: int = 10
    min_count: int | None = None
    small_count: SmallCount = SmallCount.RANGE
    min_contributors: int = 1
    protection_level: int = 0
    """How far (percent of the protected number) a reader's best bounds must stay from it on
    either side; 0: at least one person either side."""
    time_budget: float = field(default=2.0, compare=False)
    """Seconds the optimiser may spend on one table before it keeps its best safe pattern."""

    @property
    def count_threshold(self) -> int:
        return self.min_group_size if self.min_count is None else self.min_count

    def as_dict(self) -> dict:
        """The policy as the definitions file writes it."""
        return {
            "min_group_size": self.min_group_size,
            "min_count": self.count_threshold,
            "small_count": str(self.small_count),
            "min_contributors": self.min_contributors,
            "protection_level": self.protection_level,
        }


# ---- One table ----


@dataclass
class Table:
    """One indicator and period as disclosure control sees it: one entry per cell.

    ``coordinates`` holds each cell's category per dimension of the indicator ("" where the
    cell is not broken down by it); lines run along ``exclusive`` dimensions only, since the
    categories of an overlapping dimension do not add up to their total. ``size`` is the
    number of people behind a cell (a rate's denominator, an average's n, a count);
    ``counted`` a rate's numerator (None for counts and averages). ``parts_size`` and
    ``parts_counted`` hold each contributing organization's own part, one row per
    organization: what that organization knows. ``spared`` marks cells hidden only when
    nothing cheaper protects: reference groups, whose hiding hides every gap measured
    against them, and the total."""

    coordinates: Sequence[tuple[str, ...]]
    exclusive: tuple[bool, ...]
    size: np.ndarray
    counted: np.ndarray | None = None
    parts_size: np.ndarray | None = None
    parts_counted: np.ndarray | None = None
    spared: np.ndarray | None = None

    def __post_init__(self) -> None:
        cells = len(self.coordinates)
        self.size = np.asarray(self.size, dtype=float)
        if self.counted is not None:
            self.counted = np.asarray(self.counted, dtype=float)
        if self.parts_size is None:
            self.parts_size = np.zeros((0, cells))
            self.parts_counted = None if self.counted is None else np.zeros((0, cells))
        self.parts_size = np.asarray(self.parts_size, dtype=float).reshape(-1, cells)
        if self.counted is not None:
            self.parts_counted = np.asarray(self.parts_counted, dtype=float).reshape(-1, cells)
        if self.spared is None:
            self.spared = np.zeros(cells, dtype=bool)

    @property
    def is_rate(self) -> bool:
        return self.counted is not None

    def lines(self) -> list[tuple[int, list[int]]]:
        """Every line whose total is in the table: (total's position, its parts' positions)."""
        position = {cell: i for i, cell in enumerate(self.coordinates)}
        lines: dict[tuple[int, tuple[str, ...]], list[int]] = {}
        for i, cell in enumerate(self.coordinates):
            for d, category in enumerate(cell):
                if category and self.exclusive[d]:
                    lines.setdefault((d, (*cell[:d], "", *cell[d + 1 :])), []).append(i)
        return [
            (position[parent], children)
            for (_d, parent), children in lines.items()
            if parent in position
        ]

    def quantities(self, size: np.ndarray, counted: np.ndarray | None) -> np.ndarray:
        """The additive quantities of the table: (counted, not counted) for a rate, (size,)
        otherwise — so that a rate's size is their sum, and each is at least zero."""
        if counted is None:
            return size[None, :]
        return np.stack([counted, size - counted])

    def audiences(self) -> np.ndarray:
        """What each reader works with, (readers, quantities, cells): the public sees the
        table; each contributing organization can subtract its own part from every
        published cell, so it reads the rest of the initiative."""
        public = self.quantities(self.size, self.counted)
        assert self.parts_size is not None
        contributing = self.parts_size.sum(axis=1) > 0
        parts = [
            self.quantities(
                self.parts_size[o], None if self.parts_counted is None else self.parts_counted[o]
            )
            for o in np.flatnonzero(contributing)
        ]
        if not parts:
            return public[None]
        rest = np.clip(public[None] - np.stack(parts), 0, None)
        return np.concatenate([public[None], rest])


@dataclass
class Pattern:
    """What restricted audiences see of a table: per cell, why it is hidden ("" when it is
    published) and, for a cell shown as a coded range, the range as proportions."""

    reason: np.ndarray
    ranged: np.ndarray
    range_low: np.ndarray
    range_high: np.ndarray
    method: str = "none"
    """none (nothing to protect), optimal, time_limited (the optimiser's best safe pattern,
    not proven optimal in the time budget) or fallback (the greedy pass)."""

    @property
    def hidden(self) -> np.ndarray:
        return self.reason != Reason.NONE


OPTIMAL, TIME_LIMITED, FALLBACK, NOTHING = "optimal", "time_limited", "fallback", "none"


# ---- The rules ----


def nice_ceiling(share: float) -> float:
    """A share rounded up to a bound people read easily: whole 5% steps above 5%, whole
    percents below."""
    step = 0.05 if share > 0.05 else 0.01
    return min(1.0, float(np.ceil(round(share / step, 9)) * step))


@dataclass
class _Requirement:
    """A number one reader must not be able to narrow down: ``weights`` over the table's
    quantities at ``cell`` (a rate's size is counted + not counted), whose true value for
    that reader is ``value``."""

    audience: int
    cell: int
    weights: tuple[float, ...]
    value: float
    conditional: bool = False
    """Only while the cell is hidden: a complementary cell's own numbers (a hidden number
    that can be worked out is a published one in disguise, and protects nothing)."""


class _OutOfTime(Exception):
    """The table's time budget ran out while a candidate was being checked."""


def _scale(moves: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """How far each move (the last axis) can be stretched before it leaves [low, high]."""
    with np.errstate(divide="ignore", invalid="ignore"):
        limits = np.where(moves > 1e-9, high / moves, np.where(moves < -1e-9, low / moves, np.inf))
    return np.maximum(limits.min(axis=-1), 0.0)


class _ReaderProgram:
    """How far a reader can move one number without breaking a published sum: a linear
    program over the unknowns, held in HiGHS between solves.

    SciPy's own binding of HiGHS (``scipy.optimize._highspy``, what ``linprog`` and ``milp``
    call) is used directly because a disclosure check solves thousands of programs that
    differ only in their objective: kept in the solver, each starts from the last basis and
    skips ``linprog``'s checking of its input, which took half of every call (see
    docs/disclosure.md)."""

    def __init__(self, equations: sparse.csr_array):
        columns = sparse.csc_array(equations)
        rows, width = columns.shape
        self.width = width
        self.highs = _highs._Highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.setOptionValue("threads", 1)
        lp = _highs.HighsLp()
        lp.num_col_, lp.num_row_ = width, rows
        lp.col_cost_ = np.zeros(width)
        lp.col_lower_, lp.col_upper_ = np.zeros(width), np.zeros(width)
        lp.row_lower_, lp.row_upper_ = np.zeros(rows), np.zeros(rows)
        lp.a_matrix_.format_ = _highs.MatrixFormat.kColwise
        lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = width, rows
        lp.a_matrix_.start_ = columns.indptr.astype(np.int32)
        lp.a_matrix_.index_ = columns.indices.astype(np.int32)
        lp.a_matrix_.value_ = columns.data.astype(float)
        self.highs.passModel(lp)
        self.everything = np.arange(width, dtype=np.int32)
        self.costed = np.zeros(0, dtype=np.int32)

    def bound(self, low: np.ndarray, high: np.ndarray) -> None:
        self.highs.changeColsBounds(self.width, self.everything, low, high)

    def maximise(self, direction: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
        """The largest move along ``direction``: its value, the move, and the reduced
        costs (of the equivalent minimisation of −direction) for a dual bound."""
        columns = np.flatnonzero(direction).astype(np.int32)
        self.highs.changeColsCost(len(self.costed), self.costed, np.zeros(len(self.costed)))
        self.highs.changeColsCost(len(columns), columns, -direction[columns])
        self.costed = columns
        self.highs.run()
        status = self.highs.getModelStatus()
        if status != _highs.HighsModelStatus.kOptimal:
            raise RuntimeError(
                f"reader's linear program failed: {self.highs.modelStatusToString(status)}"
            )
        solution = self.highs.getSolution()
        value = -self.highs.getInfo().objective_function_value
        return value, np.array(solution.col_value), np.array(solution.col_dual)


def _solve_binary(cost, constraints, *, lower, time_limit, start=None):
    """min cost·x over binary x ≥ ``lower`` subject to (row, low, high) constraints, by
    HiGHS's MIP solver (through SciPy's binding, as ``milp`` calls it, because ``milp``
    cannot be given a first solution). Returns (x or None, proven optimal)."""
    width = len(cost)
    highs = _highs._Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("time_limit", max(float(time_limit), 0.01))
    matrix = sparse.csc_array(np.array([c[0] for c in constraints]).reshape(-1, width))
    lp = _highs.HighsLp()
    lp.num_col_, lp.num_row_ = width, matrix.shape[0]
    lp.col_cost_ = np.asarray(cost, dtype=float)
    lp.col_lower_, lp.col_upper_ = np.asarray(lower, dtype=float), np.ones(width)
    lp.row_lower_ = np.array([c[1] for c in constraints], dtype=float)
    lp.row_upper_ = np.array([c[2] for c in constraints], dtype=float)
    lp.a_matrix_.format_ = _highs.MatrixFormat.kColwise
    lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = width, matrix.shape[0]
    lp.a_matrix_.start_ = matrix.indptr.astype(np.int32)
    lp.a_matrix_.index_ = matrix.indices.astype(np.int32)
    lp.a_matrix_.value_ = matrix.data.astype(float)
    lp.integrality_ = [_highs.HighsVarType.kInteger] * width
    highs.passModel(lp)
    if start is not None:
        solution = _highs.HighsSolution()
        solution.col_value = np.asarray(start, dtype=float)
        highs.setSolution(solution)
    highs.run()
    if highs.getInfo().primal_solution_status != _highs.SolutionStatus.kSolutionStatusFeasible:
        return None, False
    optimal = highs.getModelStatus() == _highs.HighsModelStatus.kOptimal
    return np.array(highs.getSolution().col_value), optimal


class _Moves:
    """Deviations from the true values that keep every published sum (solutions of readers'
    linear programs, steps in free directions), with how far each can be scaled within each
    reader's bounds: a move scaled by s stays a possible table for that reader, so s times
    its component along a requirement is a reach the reader surely has."""

    def __init__(self, width: int):
        self._vectors = np.zeros((16, width))
        self.count = 0
        self._scales: dict[int, np.ndarray] = {}

    def add(self, move: np.ndarray) -> None:
        largest = np.abs(move).max(initial=0)
        if largest <= 1e-9:
            return
        if self.count == len(self._vectors):
            self._vectors = np.concatenate([self._vectors, np.zeros_like(self._vectors)])
        self._vectors[self.count] = move / largest  # so that 1e-9 is negligible
        self.count += 1

    def reach(
        self, reader: int, low: np.ndarray, high: np.ndarray, direction: np.ndarray
    ) -> tuple[float, float]:
        """How far up and down along ``direction`` the reader surely reaches."""
        scales = self._scales.get(reader, np.zeros(0))
        if len(scales) < self.count:
            new = self._vectors[len(scales) : self.count]
            scales = np.concatenate([scales, _scale(new, low, high)])
            self._scales[reader] = scales
        if self.count == 0:
            return 0.0, 0.0
        columns = np.flatnonzero(direction)
        gains = scales * (self._vectors[: self.count, columns] @ direction[columns])
        return float(gains.max(initial=0.0)), float((-gains).max(initial=0.0))


class _Protector:
    """The disclosure problem of one table: its primary cells, what each reader must not
    learn, and checks of a candidate pattern against every reader."""

    def __init__(self, table: Table, policy: Policy):
        self.table, self.policy = table, policy
        self.cells = len(table.coordinates)
        self.lines = table.lines()
        self.values = table.audiences()  # (readers, quantities, cells)
        self.readers, self.nq = self.values.shape[0], self.values.shape[1]
        self.upper = 2 * float(self.values.max(initial=0)) + 1
        self._classify()
        self.cell_of, self.equations = self._variables()
        self._null_spaces: dict[bytes, np.ndarray] = {}
        self._programs: dict[int, _ReaderProgram] = {}
        self._lines_through: list[list[int]] = [[] for _ in range(self.cells)]
        for line, (parent, children) in enumerate(self.lines):
            for k in (parent, *children):
                self._lines_through[k].append(line)

    # -- primary cells --

    def _classify(self) -> None:
        table, policy, values = self.table, self.policy, self.values
        group, count = policy.min_group_size, policy.count_threshold
        size = values.sum(axis=1)
        small_group = (size > 0) & (size < group)
        if table.is_rate:
            small_counted = (values[:, 0] > 0) & (values[:, 0] < count)
            small_not_counted = (values[:, 1] > 0) & (values[:, 1] < count)
        else:
            small_counted = small_not_counted = np.zeros_like(small_group)
        assert table.parts_size is not None
        contributors = (table.parts_size > 0).sum(axis=0)
        few = (contributors > 0) & (contributors < policy.min_contributors)
        if len(table.parts_size) == 0:
            few = np.zeros(self.cells, dtype=bool)

        # For the public or for any partner: the least serious reason first, so that the
        # most serious one is recorded.
        reason = np.full(self.cells, Reason.NONE, dtype=object)
        for mask, why in (
            ((small_counted | small_not_counted).any(axis=0), Reason.SMALL_COUNT),
            (few, Reason.CONTRIBUTORS),
            (small_group.any(axis=0), Reason.GROUP_SIZE),
        ):
            reason[mask] = why
        # A rate whose only problem is one small side, for the public and for every partner,
        # may be published as a coded range: its size is safe to show.
        self.ranged = np.zeros(self.cells, dtype=bool)
        self.range_low = np.full(self.cells, np.nan)
        self.range_high = np.full(self.cells, np.nan)
        if table.is_rate and policy.small_count == SmallCount.RANGE:
            self.ranged = (reason == Reason.SMALL_COUNT) & (small_counted[0] ^ small_not_counted[0])
            for k in np.flatnonzero(self.ranged):
                bound = nice_ceiling((count - 1) / table.size[k])
                if small_counted[0, k]:
                    self.range_low[k], self.range_high[k] = 0.0, bound
                else:
                    self.range_low[k], self.range_high[k] = 1.0 - bound, 1.0
            reason[self.ranged] = Reason.NONE
        self.reason = reason
        self.primary = reason != Reason.NONE

        # What each reader must not narrow down: for every cell primary to the public or to
        # that reader, the quantities that made it primary — where the reader does not
        # already know them to be zero (a partner alone in a cell learns nothing new).
        ones = (1.0,) * self.nq
        requirements = []
        for a in range(self.readers):
            concerned = self.primary | self.ranged | small_group[a]
            if table.is_rate:
                concerned |= small_counted[a] | small_not_counted[a]
            for k in np.flatnonzero(concerned):
                wanted = set()
                if small_group[0, k] or small_group[a, k] or few[k]:
                    wanted.add(ones)
                if table.is_rate:
                    if small_counted[0, k] or small_counted[a, k]:
                        wanted.add((1.0, 0.0))
                    if small_not_counted[0, k] or small_not_counted[a, k]:
                        wanted.add((0.0, 1.0))
                for weights in sorted(wanted):
                    value = float(np.dot(weights, values[a, :, k]))
                    if value > 0:
                        requirements.append(_Requirement(a, int(k), weights, value))
        self.requirements = requirements

    @property
    def needs_protection(self) -> bool:
        return bool(self.primary.any() or self.ranged.any())

    # -- what a reader can work out from a pattern --

    def _combos(self) -> list[tuple[tuple[float, ...], int]]:
        """The sums a line's hidden members must not make small: people, and for a rate the
        people counted and not counted."""
        if self.table.is_rate:
            count = self.policy.count_threshold
            return [
                ((1.0, 1.0), self.policy.min_group_size),
                ((1.0, 0.0), count),
                ((0.0, 1.0), count),
            ]
        return [((1.0,), self.policy.min_group_size)]

    def small_hidden_sums(self, hidden: np.ndarray) -> list[tuple[int, int, int]]:
        """(line, reader, combo) where a line's total is published and its hidden parts add
        up to more than nobody and fewer than the threshold."""
        found = []
        for c, (weights, threshold) in enumerate(self._combos()):
            people = weights == (1.0,) * self.nq
            unseen = hidden if people else hidden | self.ranged
            amounts = np.tensordot(weights, self.values, axes=([0], [1]))  # (readers, cells)
            for line, (parent, children) in enumerate(self.lines):
                if unseen[parent]:
                    continue
                sums = (amounts[:, children] * unseen[children]).sum(axis=1)
                for a in np.flatnonzero((sums > 1e-9) & (sums < threshold - 1e-9)):
                    found.append((line, int(a), c))
        return found

    def _variables(self):
        """The reader's unknowns: a deviation from the true value of each quantity of each
        cell, and for a ranged cell the deviation of its (published) size."""
        n, nq = self.cells, self.nq
        ranged = np.flatnonzero(self.ranged)
        cell_of = np.concatenate([np.tile(np.arange(n), nq), ranged])
        entries: list[tuple[int, int, float]] = []  # (equation, unknown, coefficient)
        row = 0
        for parent, children in self.lines:
            for q in range(nq):
                entries += [(row, q * n + k, 1.0) for k in children]
                entries.append((row, q * n + parent, -1.0))
                row += 1
        for r, k in enumerate(ranged):
            entries += [(row, int(k), 1.0), (row, n + int(k), 1.0), (row, nq * n + r, -1.0)]
            row += 1
        rows = [e[0] for e in entries]
        cols = [e[1] for e in entries]
        data = [e[2] for e in entries]
        equations = (
            sparse.csr_array((data, (rows, cols)), shape=(row, len(cell_of)))
            if row
            else sparse.csr_array((0, len(cell_of)))
        )
        return cell_of, equations

    def _bounds(self, reader: int):
        """Bounds of each unknown as l0 + l1·x and u0 + u1·x, x = the cell is hidden."""
        n, nq, v = self.cells, self.nq, self.values[reader]
        upper = self.upper
        l0 = np.zeros(nq * n)
        l1 = -v.reshape(-1)
        u0 = np.zeros(nq * n)
        u1 = np.full(nq * n, upper)
        ranged = np.flatnonzero(self.ranged)
        if len(ranged):
            public = self.values[0]
            known_counted = public[0, ranged] - v[0, ranged]  # the reader's own part
            size = self.table.size[ranged]
            low = np.maximum(0.0, self.range_low[ranged] * size - known_counted)
            high = self.range_high[ranged] * size - known_counted
            l0[ranged], l1[ranged] = low - v[0, ranged], -low
            u0[ranged], u1[ranged] = high - v[0, ranged], upper - high + v[0, ranged]
            l0[n + ranged], l1[n + ranged] = -v[1, ranged], 0.0
            u0[n + ranged], u1[n + ranged] = upper, 0.0
            l0 = np.concatenate([l0, np.zeros(len(ranged))])
            l1 = np.concatenate([l1, -(v[0, ranged] + v[1, ranged])])
            u0 = np.concatenate([u0, np.zeros(len(ranged))])
            u1 = np.concatenate([u1, np.full(len(ranged), upper)])
        return l0, l1, u0, u1

    def _needed(self, requirement: _Requirement) -> tuple[float, float]:
        """How far a reader's bounds must reach below and above the true value."""
        level = self.policy.protection_level / 100 * requirement.value
        return level, level

    def _checks(self, hidden: np.ndarray) -> list[_Requirement]:
        """What the pattern must keep out of reach: the primary cells' requirements, and every
        number above zero of every hidden or ranged cell, for every reader (a coded range's
        counts are no more to be worked out than a hidden cell's)."""
        checks = list(self.requirements)
        # Each count of a hidden or ranged cell and, for a hidden rate, its size.
        counts = [tuple(float(q == i) for i in range(self.nq)) for q in range(self.nq)]
        sizes = [(1.0,) * self.nq] if self.nq > 1 else []
        for k in np.flatnonzero(hidden | self.ranged):
            combos = counts + sizes if hidden[k] else counts
            for a in range(self.readers):
                for weights in combos:
                    value = float(np.dot(weights, self.values[a, :, k]))
                    if value > 0:
                        conditional = not (self.primary[k] or self.ranged[k])
                        checks.append(_Requirement(a, int(k), weights, value, conditional))
        return checks

    def exposed(
        self, hidden: np.ndarray, *, enough: int | None = None, deadline: float | None = None
    ) -> list[tuple[_Requirement, np.ndarray, float]]:
        """Requirements the pattern fails — each with a cut (coefficients per cell, right-hand
        side) that every pattern meeting the requirement satisfies and this one does not:
        Fischetti and Salazar-González's capacity cut, from the dual of the reader's linear
        program (weak duality bounds the reader's reach by an affine function of which cells
        are hidden).

        Most requirements need no linear program: every move found so far (a solution of
        any reader's program, or a step within the public's free directions) keeps every
        published sum, so scaled into a reader's bounds it proves how far that reader can
        reach. A partner's bounds are the public's, narrowed only where it has a part, so
        the public's moves answer most of its requirements."""
        cell_of = self.cell_of
        x = hidden.astype(float)[cell_of]
        failures: list[tuple[_Requirement, np.ndarray, float]] = []
        bounds_of: dict[int, tuple] = {}
        moves = _Moves(len(cell_of))
        bounded: set[int] = set()  # readers whose program has this pattern's bounds
        public_basis: np.ndarray | None = None
        # The public first: its moves answer the partners'.
        for requirement in sorted(self._checks(hidden), key=lambda r: r.audience):
            if enough is not None and len(failures) >= enough:
                break  # enough cuts for the next round; the last round checks everything
            if deadline is not None and time.perf_counter() > deadline:
                raise _OutOfTime
            reader = requirement.audience
            if reader not in bounds_of:
                l0, l1, u0, u1 = self._bounds(reader)
                bounds_of[reader] = (l0, l1, u0, u1, l0 + l1 * x, u0 + u1 * x)
                if reader == 0:
                    public_basis = self._free_directions(*bounds_of[0][4:])
            l0, l1, u0, u1, low, high = bounds_of[reader]
            direction = np.zeros(len(cell_of))
            for q, weight in enumerate(requirement.weights):
                direction[q * self.cells + requirement.cell] = weight
            below, above = self._needed(requirement)
            up, down = moves.reach(reader, low, high, direction)
            if public_basis is not None:
                # The free direction closest to the requirement's, both ways.
                step = public_basis @ (public_basis.T @ direction)
                gain = float(direction @ step)
                if gain > 1e-9:
                    up = max(up, float(_scale(step, low, high)) * gain)
                    down = max(down, float(_scale(-step, low, high)) * gain)
            if up + down >= 1 - 1e-6 and up >= above - 1e-6 and down >= below - 1e-6:
                continue
            if reader not in bounded:
                self._program(reader).bound(low, high)
                bounded.add(reader)
            program = self._program(reader)
            reach = {}
            for sign in (1.0, -1.0):
                value, move, reduced = program.maximise(sign * direction)
                moves.add(move)
                # Weak duality: with r the reduced costs of minimising −direction, the reach is
                # at most Σ max(−r, 0)·high − Σ max(r, 0)·low, and the bounds are affine in
                # which cells are hidden.
                alpha, beta = np.maximum(-reduced, 0), np.maximum(reduced, 0)
                coefficients = np.bincount(
                    cell_of, weights=alpha * u1 - beta * l1, minlength=self.cells
                )
                constant = float(alpha @ u0 - beta @ l0)
                reach[sign] = (value, coefficients, constant)
                if sign > 0 and above == 0 and below == 0 and value + down >= 1 - 1e-6:
                    break  # with the move down already known, it cannot be pinned
            if len(reach) == 1:
                continue
            (up, up_cut, up_constant), (down, down_cut, down_constant) = reach[1.0], reach[-1.0]
            cuts = []
            if up + down < 1 - 1e-6:
                cuts.append((up_cut + down_cut, up_constant + down_constant, 1.0))
            if above > 0 and up < above - 1e-6:
                cuts.append((up_cut, up_constant, above))
            if below > 0 and down < below - 1e-6:
                cuts.append((down_cut, down_constant, below))
            for coefficients, constant, need in cuts:
                # reach ≤ coefficients·x + constant, and reach must be at least ``need``
                # (while the cell is hidden, for a conditional requirement). With x binary,
                # no coefficient need exceed the right-hand side.
                coefficients = np.minimum(coefficients, need - constant)
                if requirement.conditional:
                    coefficients[requirement.cell] -= need
                    failures.append((requirement, coefficients, -constant))
                else:
                    failures.append((requirement, coefficients, need - constant))
        return failures

    def _program(self, reader: int) -> "_ReaderProgram":
        """The reader's linear program, kept between checks so that each solve starts from
        the last one's basis; only its bounds change with the pattern."""
        if reader not in self._programs:
            self._programs[reader] = _ReaderProgram(self.equations)
        return self._programs[reader]

    def _free_directions(self, low: np.ndarray, high: np.ndarray) -> np.ndarray | None:
        """A basis of the directions the public may move the unknowns in, both ways, without
        breaking a published sum or a bound: the null space of the equations over the
        unknowns strictly inside their bounds (the others held at their true values)."""
        columns = np.flatnonzero((low < -1e-9) & (high > 1e-9))
        if len(columns) == 0:
            return None
        signature = columns.tobytes()
        if signature in self._null_spaces:
            return self._null_spaces[signature]
        matrix = self.equations[:, columns].toarray()
        matrix = matrix[np.abs(matrix).sum(axis=1) > 0]
        if len(matrix) == 0:
            basis = np.eye(len(columns))
        else:
            _, singular, vt = np.linalg.svd(matrix)
            rank = int((singular > 1e-9 * max(singular.max(initial=0), 1)).sum())
            basis = vt[rank:].T
        full = np.zeros((len(self.cell_of), basis.shape[1]))
        full[columns] = basis
        self._null_spaces[signature] = full
        return full

    # -- choosing the complementary cells --

    def weights(self) -> np.ndarray:
        """The loss of hiding each cell: its people, three times over for a spared cell; a
        little for any cell, so that an empty cell is not hidden for nothing; and a little
        more for a coded range, which hiding would take away."""
        assert self.table.spared is not None
        people = self.values[0].sum(axis=0)
        return people * np.where(self.table.spared, 3.0, 1.0) + 0.01 + 0.5 * self.ranged

    def _lone_member_rows(self):
        """No line may have exactly one hidden member: it would be its total minus the
        others. (Not for lines through a ranged cell, whose counts hide on their own.)"""
        rows = []
        for parent, children in self.lines:
            members = [parent, *children]
            if self.ranged[members].any():
                continue
            for m in members:
                row = np.zeros(self.cells)
                row[members] = 1.0
                row[m] = -1.0
                rows.append(row)
        return rows

    def _small_sum_rows(self, line: int, reader: int, combo: int, column: int, width: int):
        """Exact constraints that the line's hidden parts add up to 0 or at least the
        threshold when its total is published, with binary ``column`` saying which."""
        weights, threshold = self._combos()[combo]
        parent, children = self.lines[line]
        people = weights == (1.0,) * self.nq
        amounts = np.tensordot(weights, self.values[reader], axes=([0], [0]))
        always = 0.0 if people else float(amounts[children][self.ranged[children]].sum())
        variable = [k for k in children if people or not self.ranged[k]]
        most = always + float(amounts[variable].sum())
        at_most = np.zeros(width)
        at_most[variable] = amounts[variable]
        at_most[column] = -most
        at_least = np.zeros(width)
        at_least[variable] = amounts[variable]
        at_least[column] = -threshold
        at_least[parent] += threshold
        return [(at_most, -np.inf, -always), (at_least, -always, np.inf)]

    def solve(self, deadline: float, polish: float) -> tuple[np.ndarray, str]:
        """The least costly safe pattern: a mixed-integer program over which cells to hide,
        with the constraints every reader's checks add as they are needed, until no reader
        can narrow down a protected number.

        On a hard table (a third of the budget gone) the repair makes a safe pattern from the
        cheapest candidate so far; the integer program starts from it, so what it finds in
        the rest of the budget is never worse. When time runs out, the cheapest safe pattern
        found — the program's, or a repair of its last candidate, of the early one's, or of
        the primary cells alone — is pruned until ``polish``."""
        weights = self.weights()
        sums: dict[tuple[int, int, int], int] = {}
        cuts: list[tuple[np.ndarray, float]] = []
        lone = self._lone_member_rows()
        best: np.ndarray | None = None  # the last candidate proven cheapest
        incumbent: np.ndarray | None = None  # a safe pattern from the repair
        unproven: np.ndarray | None = None  # a safe pattern the program did not prove
        proven = True
        started = time.perf_counter()
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                break
            x, optimal = self._cheapest_candidate(
                weights, sums, cuts, lone, start=incumbent, time_limit=remaining
            )
            if x is None:
                break
            proven = proven and optimal
            hidden = x[: self.cells] > 0.5
            if proven:
                best = hidden
            small = self.small_hidden_sums(hidden)
            for key in small:
                sums.setdefault(key, self.cells + len(sums))
            try:
                exposed = [] if small else self.exposed(hidden, enough=25, deadline=deadline)
            except _OutOfTime:
                break
            cuts.extend((coefficients, rhs) for _r, coefficients, rhs in exposed)
            if not small and not exposed:
                if proven:
                    return hidden, OPTIMAL
                unproven = hidden
                break
            if not optimal:
                break
            if incumbent is None and time.perf_counter() - started > (deadline - started) / 3:
                incumbent = self.greedy(start=best)
                if weights @ incumbent <= weights @ hidden + 1e-6:
                    return incumbent, OPTIMAL  # as cheap as a lower bound
        if unproven is not None:
            found = [(unproven, TIME_LIMITED)]
        else:
            found = [(self.greedy(start=best), FALLBACK)]
        if incumbent is not None:
            found.append((incumbent, FALLBACK))
        # The repair from the primary cells alone, so that running out of time never ends
        # worse than not optimising at all.
        found.append((self.greedy(), FALLBACK))
        pattern, method = min(found, key=lambda f: float(weights @ f[0]))
        return self.prune(pattern, polish), method

    def _cheapest_candidate(self, weights, sums, cuts, lone, *, start, time_limit):
        """The integer program over the constraints found so far: (solution or None,
        whether it is proven optimal). ``start``, a safe pattern, is a first solution."""
        width = self.cells + len(sums)
        constraints: list[tuple[np.ndarray, float, float]] = [
            (np.pad(row, (0, width - self.cells)), 0.0, np.inf) for row in lone
        ]
        for (line, reader, combo), column in sums.items():
            constraints += self._small_sum_rows(line, reader, combo, column, width)
        constraints += [
            (np.pad(coefficients, (0, width - self.cells)), rhs, np.inf)
            for coefficients, rhs in cuts
        ]
        first = None
        if start is not None:
            first = np.concatenate([start.astype(float), np.zeros(len(sums))])
            for (line, reader, combo), column in sums.items():
                at_most, _low, most = self._small_sum_rows(line, reader, combo, column, width)[0]
                first[column] = float(at_most @ first > most + 1e-9)
        return _solve_binary(
            np.concatenate([weights, np.zeros(len(sums))]),
            constraints,
            lower=np.concatenate([self.primary.astype(float), np.zeros(len(sums))]),
            time_limit=time_limit,
            start=first,
        )

    def greedy(self, start: np.ndarray | None = None, *, until: float | None = None) -> np.ndarray:
        """A safe pattern without the optimiser: hide, for every failing line, its cheapest
        published cell, and for every exposed number the published cell that widens the
        reader's reach most for its people (by the failed check's cut), until nothing fails.
        Always ends: with every cell hidden, nothing can be worked out. Then, until
        ``until``, publish again the complementary cells found unnecessary."""
        hidden = self.primary.copy() if start is None else start | self.primary
        weights = self.weights()
        while True:
            # Lines with exactly one hidden member first: the cheap, certain part.
            changed = True
            while changed:
                changed = False
                for parent, children in self.lines:
                    members = [parent, *children]
                    if hidden[members].sum() == 1:
                        hidden[self._partner_for_lone(members, hidden, weights)] = True
                        changed = True
            candidates: set[int] = set()
            for line, _reader, _combo in self.small_hidden_sums(hidden):
                parent, children = self.lines[line]
                candidates.add(self._cheapest([*children, parent], hidden, weights))
            if not candidates:
                failures = self.exposed(hidden, enough=25)
                if failures:
                    candidates.add(self._most_helpful(failures, hidden, weights))
            candidates.discard(-1)
            if not candidates:
                return hidden if until is None else self.prune(hidden, until)
            hidden[list(candidates)] = True

    def prune(self, hidden: np.ndarray, until: float) -> np.ndarray:
        """Publish again, most people first, each complementary cell the pattern stays safe
        without — until ``until``. A greedy or unproven pattern often holds cells that a
        later choice made unnecessary."""
        weights = self.weights()
        for k in sorted(np.flatnonzero(hidden & ~self.primary), key=lambda k: -weights[k]):
            trial = hidden.copy()
            trial[k] = False
            if any(
                trial[[parent, *children]].sum() == 1 and not self.ranged[[parent, *children]].any()
                for parent, children in self.lines
            ) or self.small_hidden_sums(trial):
                continue
            try:
                if not self.exposed(trial, enough=1, deadline=until):
                    hidden = trial
            except _OutOfTime:
                break
        return hidden

    def _most_helpful(self, failures, hidden: np.ndarray, weights: np.ndarray) -> int:
        """The published cell that goes furthest towards meeting the failed checks' cuts,
        per person hidden: a greedy set cover, one cell at a time."""
        share = np.zeros(self.cells)
        for _requirement, coefficients, rhs in failures:
            shortfall = rhs - float(coefficients @ hidden)
            if shortfall > 1e-9:
                share += np.clip(coefficients, 0, shortfall) / shortfall
        helpful = np.flatnonzero((share > 1e-9) & ~hidden)
        if len(helpful) == 0:
            return self._cheapest(range(self.cells), hidden, weights)
        return int(helpful[np.argmax(share[helpful] / weights[helpful])])

    def _partner_for_lone(self, members: list[int], hidden: np.ndarray, weights) -> int:
        """The cell to hide beside a line's lone hidden member: cheap, and sitting on other
        lines that also have one hidden member (it mends them too) rather than on lines with
        none (it would leave them lone in turn)."""
        counts = self._hidden_per_line(hidden)

        def cost(k: int) -> float:
            through = [line for line in self._lines_through[k] if line_members(line) != members]
            zero = sum(counts[line] == 0 for line in through)
            one = sum(counts[line] == 1 for line in through)
            return weights[k] * (1 + zero) / (1 + one)

        def line_members(line: int) -> list[int]:
            parent, children = self.lines[line]
            return [parent, *children]

        open_ = [k for k in members if not hidden[k]]
        return min(open_, key=lambda k: (cost(k), k))

    def _hidden_per_line(self, hidden: np.ndarray) -> np.ndarray:
        return np.array(
            [hidden[parent] + hidden[children].sum() for parent, children in self.lines]
        )

    @staticmethod
    def _cheapest(cells, hidden, weights) -> int:
        open_ = [k for k in cells if not hidden[k]]
        return min(open_, key=lambda k: (weights[k], k)) if open_ else -1


def protect(table: Table, policy: Policy, *, greedy: bool = False) -> Pattern:
    """The pattern restricted audiences see of one table: primary cells by the policy's
    rules, coded ranges where the policy allows them, and the complementary cells that keep
    every protected number out of reach of the public and of each contributing partner.
    ``greedy`` skips the optimiser (for comparison)."""
    problem = _Protector(table, policy)
    method = NOTHING
    hidden = problem.primary.copy()
    if problem.needs_protection:
        if greedy:
            hidden, method = problem.greedy(), FALLBACK
        else:
            started = time.perf_counter()
            hidden, method = problem.solve(
                started + policy.time_budget, polish=started + 1.5 * policy.time_budget
            )
    reason = problem.reason.copy()
    reason[hidden & (reason == Reason.NONE)] = Reason.SECONDARY
    ranged = problem.ranged & ~hidden
    # A ranged cell hidden after all is hidden for its small count.
    reason[problem.ranged & hidden] = Reason.SMALL_COUNT
    return Pattern(
        reason=reason,
        ranged=ranged,
        range_low=np.where(ranged, problem.range_low, np.nan),
        range_high=np.where(ranged, problem.range_high, np.nan),
        method=method,
    )
