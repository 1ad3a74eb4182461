/* The column fit's greedy widening (pipeline/autofit.py, _Fitting.widen), compiled.
 *
 * The same algorithm step for step, in the same integer and floating-point operations, so that it
 * chooses exactly the widths the Python gives: every sum of floats is added left to right in a
 * double (as CPython 3.11's sum() does), every fourth root is two correctly rounded square roots,
 * every ratio of whole numbers is one correctly rounded division. tests/test_widen_compiled.py
 * holds the two to the same widths. The Python stays the reference and the fallback where no C
 * compiler built this module (a clerk's Windows install).
 *
 * Names follow autofit.py; see its docstrings for the why of each step.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef long long i64;

#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD != 0
/* x87's 80-bit registers would round sums otherwise than CPython's doubles: no build (the Python fits). */
#error "doubles evaluated in extra precision: the compiled fit would not choose as the Python does"
#endif

/* A cell has at most a line per word and paragraph; a row's sum of fourth powers must stay within
 * 64 bits (Python's integers have no bound): beyond these, OverflowError, and the Python fits. */
#define MOST_LINES 20000
#define MOST_COLUMNS 50

typedef struct {
    Py_ssize_t n_cells;
    i64 *space;            /* per distinct cell */
    Py_ssize_t *par_start; /* per cell: its first paragraph; n_cells + 1 entries */
    Py_ssize_t *end_start; /* per paragraph: its first word end; n_paragraphs + 1 entries */
    i64 *ends;             /* where each word ends on one unbroken line */
    Py_ssize_t *index;     /* per row: its distinct cell */
    i64 *measured;         /* scratch: each distinct cell's lines at one width */
} Column;

typedef struct {
    i64 width;
    double bound;
    Py_ssize_t order;
    i64 total;
    i64 *lines;   /* per row */
    i64 *fourths; /* per row */
} Candidate;

typedef struct {
    i64 key_width, key_room; /* what the column's candidates were found for */
    int known;
    int count;
    Candidate *slots;        /* one per slice count */
    i64 *lines, *fourths;    /* at the column's width */
    i64 total;
} State;

static Py_ssize_t bisect_right(const i64 *a, i64 x, Py_ssize_t lo, Py_ssize_t hi)
{
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        if (x < a[mid])
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* Cell.lines: the lines a distinct cell wraps to at `width` (its margins included). */
static i64 cell_lines(const Column *col, Py_ssize_t cell, i64 width, i64 padding)
{
    i64 room = width - padding + col->space[cell];
    i64 total = 0;
    for (Py_ssize_t p = col->par_start[cell]; p < col->par_start[cell + 1]; p++) {
        const i64 *ends = col->ends + col->end_start[p];
        Py_ssize_t last = col->end_start[p + 1] - col->end_start[p];
        if (last == 0 || ends[last - 1] <= room) {
            total += 1;
            continue;
        }
        Py_ssize_t start = 0;
        while (start < last) {
            i64 before = start ? ends[start - 1] : 0;
            Py_ssize_t end = bisect_right(ends, before + room, start, last);
            start = end > start ? end : start + 1;
            total += 1;
        }
    }
    return total;
}

/* _Fitting.lines: each row's lines in the column at `width`, their fourth powers, and their sum. */
static i64 column_lines(const Column *col, Py_ssize_t rows, i64 width, i64 padding, i64 *lines, i64 *fourths)
{
    for (Py_ssize_t i = 0; i < col->n_cells; i++)
        col->measured[i] = cell_lines(col, i, width, padding);
    i64 total = 0;
    for (Py_ssize_t r = 0; r < rows; r++) {
        i64 n = col->measured[col->index[r]];
        lines[r] = n;
        fourths[r] = n * n * n * n;
        total += n;
    }
    return total;
}

typedef struct {
    Py_ssize_t columns, rows, n_counts;
    Column *cols;
    State *states;
    i64 *widths, *maxima, *counts, *powers, *scratch_lines, *scratch_fourths;
    i64 padding, step;
    double bound_margin, tie_margin;
} Fitting;

/* _Fitting.column_candidates: the slices of column c that change its rows' lines. */
static void column_candidates(Fitting *f, Py_ssize_t c, i64 room)
{
    State *s = &f->states[c];
    if (s->known && s->key_width == f->widths[c] && s->key_room == room)
        return;
    i64 start = f->widths[c], maximum = f->maxima[c];
    s->count = 0;
    for (Py_ssize_t k = 0; k < f->n_counts; k++) {
        i64 offered = f->step * f->counts[k];
        i64 width = start + (offered < room ? offered : room);
        if (width > maximum)
            width = maximum;
        Candidate *slot = &s->slots[s->count];
        i64 total = column_lines(&f->cols[c], f->rows, width, f->padding, slot->lines, slot->fourths);
        if (memcmp(slot->lines, s->lines, sizeof(i64) * f->rows) != 0) {
            slot->width = width;
            slot->total = total;
            slot->order = c * f->n_counts + k;
            slot->bound = (double)(total - s->total) / (double)(width - start);
            s->count++;
        }
        if (width == maximum || offered >= room)
            break;
    }
    s->key_width = start;
    s->key_room = room;
    s->known = 1;
}

typedef struct {
    double bound;
    Py_ssize_t order, c;
    Candidate *candidate;
    double score;
} Weighed;

static int by_bound(const void *a, const void *b)
{
    const Weighed *x = a, *y = b;
    if (x->bound != y->bound)
        return x->bound < y->bound ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

static int by_order(const void *a, const void *b)
{
    const Weighed *x = a, *y = b;
    return (x->order > y->order) - (x->order < y->order);
}

static double root4(i64 value)
{
    return sqrt(sqrt((double)value));
}

/* _Fitting.best_slice; returns the column and sets *width. */
static Py_ssize_t best_slice(Fitting *f, const Py_ssize_t *open, Py_ssize_t n_open, i64 room, i64 *width,
                             Weighed *found)
{
    i64 capped = f->step * f->counts[f->n_counts - 1];
    if (room < capped)
        capped = room;
    Py_ssize_t n_found = 0;
    for (Py_ssize_t i = 0; i < n_open; i++) {
        Py_ssize_t c = open[i];
        column_candidates(f, c, capped);
        for (int k = 0; k < f->states[c].count; k++) {
            Candidate *slot = &f->states[c].slots[k];
            found[n_found].bound = slot->bound;
            found[n_found].order = slot->order;
            found[n_found].c = c;
            found[n_found].candidate = slot;
            n_found++;
        }
    }
    qsort(found, (size_t)n_found, sizeof(Weighed), by_bound);
    double base = 0.0;
    for (Py_ssize_t r = 0; r < f->rows; r++)
        base += root4(f->powers[r]);
    double top = 0.0, unscored_above = f->bound_margin;
    Py_ssize_t n_scored = 0;
    for (Py_ssize_t i = 0; i < n_found; i++) {
        if (found[i].bound > unscored_above)
            break;
        Py_ssize_t c = found[i].c;
        const i64 *old = f->states[c].fourths, *new = found[i].candidate->fourths;
        double height = 0.0;
        for (Py_ssize_t r = 0; r < f->rows; r++)
            height += root4(f->powers[r] - old[r] + new[r]);
        double score = (base - height) / (double)(found[i].candidate->width - f->widths[c]);
        found[n_scored] = found[i]; /* i >= n_scored: the scored ones move to the front */
        found[n_scored].score = score;
        n_scored++;
        if (score > top) {
            top = score;
            unscored_above = f->bound_margin - score;
        }
    }
    qsort(found, (size_t)n_scored, sizeof(Weighed), by_order);
    Py_ssize_t best = -1;
    double best_score = 0.0;
    for (Py_ssize_t i = 0; i < n_scored; i++) {
        if (found[i].score > best_score + f->tie_margin) {
            best = i;
            best_score = found[i].score;
        }
    }
    if (best >= 0) {
        *width = found[best].candidate->width;
        return found[best].c;
    }
    /* No slice shortens anything yet: the most wrapped column, the leftmost of equals. */
    Py_ssize_t column = open[0];
    for (Py_ssize_t i = 1; i < n_open; i++)
        if (f->states[open[i]].total > f->states[column].total)
            column = open[i];
    i64 grown = f->widths[column] + (f->step < room ? f->step : room);
    *width = grown < f->maxima[column] ? grown : f->maxima[column];
    return column;
}

static i64 widen(Fitting *f, i64 room, Py_ssize_t *open, Weighed *found)
{
    for (Py_ssize_t c = 0; c < f->columns; c++) {
        State *s = &f->states[c];
        s->total = column_lines(&f->cols[c], f->rows, f->widths[c], f->padding, s->lines, s->fourths);
    }
    for (Py_ssize_t r = 0; r < f->rows; r++) {
        f->powers[r] = 0;
        for (Py_ssize_t c = 0; c < f->columns; c++)
            f->powers[r] += f->states[c].fourths[r];
    }
    while (room > 0) {
        Py_ssize_t n_open = 0;
        for (Py_ssize_t c = 0; c < f->columns; c++)
            if (f->widths[c] < f->maxima[c])
                open[n_open++] = c;
        if (n_open == 0)
            return room; /* the caller shares what is left by the widths */
        i64 width;
        Py_ssize_t column = best_slice(f, open, n_open, room, &width, found);
        State *s = &f->states[column];
        room -= width - f->widths[column];
        f->widths[column] = width;
        i64 total = column_lines(&f->cols[column], f->rows, width, f->padding, f->scratch_lines, f->scratch_fourths);
        if (memcmp(f->scratch_lines, s->lines, sizeof(i64) * f->rows) != 0) {
            for (Py_ssize_t r = 0; r < f->rows; r++)
                f->powers[r] += f->scratch_fourths[r] - s->fourths[r];
        }
        memcpy(s->lines, f->scratch_lines, sizeof(i64) * f->rows);
        memcpy(s->fourths, f->scratch_fourths, sizeof(i64) * f->rows);
        s->total = total;
    }
    return room;
}

/* Arena: every array of one call, freed together. */
typedef struct {
    void **blocks;
    Py_ssize_t count, size;
} Arena;

static void *arena_alloc(Arena *a, Py_ssize_t items, size_t item_size)
{
    if (a->count == a->size) {
        Py_ssize_t size = a->size ? a->size * 2 : 64;
        void **blocks = PyMem_Realloc(a->blocks, sizeof(void *) * (size_t)size);
        if (blocks == NULL)
            return NULL;
        a->blocks = blocks;
        a->size = size;
    }
    void *block = PyMem_Calloc((size_t)(items > 0 ? items : 1), item_size);
    if (block != NULL)
        a->blocks[a->count++] = block;
    return block;
}

static void arena_free(Arena *a)
{
    for (Py_ssize_t i = 0; i < a->count; i++)
        PyMem_Free(a->blocks[i]);
    PyMem_Free(a->blocks);
}

/* Arguments are read without running any Python code (no __index__, no __len__: only exact lists,
 * tuples and ints), so no item can change or go while it is read; and every number is kept within
 * LARGEST, so no sum or product below leaves 64 bits and every whole number is exact in a double. */
#define LARGEST ((i64)1 << 50)
#define MOST_SLICES 4096

static int exact_int(PyObject *value, const char *what, i64 low, i64 high, i64 *out)
{
    int overflow = 0;
    long long v;
    if (!PyLong_CheckExact(value)) {
        PyErr_Format(PyExc_TypeError, "%s: an int expected", what);
        return -1;
    }
    v = PyLong_AsLongLongAndOverflow(value, &overflow);
    if (v == -1 && PyErr_Occurred())
        return -1;
    if (overflow || v < -LARGEST || v > LARGEST) {
        PyErr_Format(PyExc_OverflowError, "%s: beyond 2**50", what);
        return -1;
    }
    if (v < low || v > high) {
        PyErr_Format(PyExc_ValueError, "%s: out of range", what);
        return -1;
    }
    *out = v;
    return 0;
}

static int exact_sequence(PyObject *value, const char *what)
{
    if (PyList_CheckExact(value) || PyTuple_CheckExact(value))
        return 0;
    PyErr_Format(PyExc_TypeError, "%s: a list or tuple expected", what);
    return -1;
}

static int read_i64s(PyObject *sequence, const char *what, i64 low, i64 high, i64 *out, Py_ssize_t expected)
{
    if (exact_sequence(sequence, what) < 0)
        return -1;
    if (PySequence_Fast_GET_SIZE(sequence) != expected) {
        PyErr_Format(PyExc_ValueError, "%s: %zd values expected", what, expected);
        return -1;
    }
    for (Py_ssize_t i = 0; i < expected; i++)
        if (exact_int(PySequence_Fast_GET_ITEM(sequence, i), what, low, high, &out[i]) < 0)
            return -1;
    return 0;
}

/* One column from ([(space, ends per paragraph), ...], index), the index `rows` long. */
static int read_column(PyObject *spec, Py_ssize_t rows, Column *col, Arena *arena)
{
    if (!PyTuple_CheckExact(spec) || PyTuple_GET_SIZE(spec) != 2) {
        PyErr_SetString(PyExc_TypeError, "a column is (cells, index)");
        return -1;
    }
    PyObject *cells = PyTuple_GET_ITEM(spec, 0), *index = PyTuple_GET_ITEM(spec, 1);
    if (exact_sequence(cells, "cells") < 0 || exact_sequence(index, "index") < 0)
        return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(cells), n_par = 0, n_ends = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *cell = PySequence_Fast_GET_ITEM(cells, i);
        if (!PyTuple_CheckExact(cell) || PyTuple_GET_SIZE(cell) != 2 || !PyTuple_CheckExact(PyTuple_GET_ITEM(cell, 1))) {
            PyErr_SetString(PyExc_TypeError, "a cell is (space, ends per paragraph)");
            return -1;
        }
        PyObject *paragraphs = PyTuple_GET_ITEM(cell, 1);
        Py_ssize_t most_lines = PyTuple_GET_SIZE(paragraphs);
        for (Py_ssize_t p = 0; p < PyTuple_GET_SIZE(paragraphs); p++) {
            PyObject *ends = PyTuple_GET_ITEM(paragraphs, p);
            if (exact_sequence(ends, "ends") < 0)
                return -1;
            most_lines += PySequence_Fast_GET_SIZE(ends);
            n_ends += PySequence_Fast_GET_SIZE(ends);
        }
        if (most_lines > MOST_LINES) {
            PyErr_SetString(PyExc_OverflowError, "a cell of too many lines for 64 bits");
            return -1;
        }
        n_par += PyTuple_GET_SIZE(paragraphs);
    }
    if (PySequence_Fast_GET_SIZE(index) != rows) {
        PyErr_SetString(PyExc_ValueError, "every column indexes every row");
        return -1;
    }
    col->n_cells = n;
    col->space = arena_alloc(arena, n, sizeof(i64));
    col->par_start = arena_alloc(arena, n + 1, sizeof(Py_ssize_t));
    col->end_start = arena_alloc(arena, n_par + 1, sizeof(Py_ssize_t));
    col->ends = arena_alloc(arena, n_ends, sizeof(i64));
    col->index = arena_alloc(arena, rows, sizeof(Py_ssize_t));
    col->measured = arena_alloc(arena, n, sizeof(i64));
    if (!col->space || !col->par_start || !col->end_start || !col->ends || !col->index || !col->measured) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t par = 0, at = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *cell = PySequence_Fast_GET_ITEM(cells, i), *paragraphs = PyTuple_GET_ITEM(cell, 1);
        if (exact_int(PyTuple_GET_ITEM(cell, 0), "space", 0, LARGEST, &col->space[i]) < 0)
            return -1;
        col->par_start[i] = par;
        for (Py_ssize_t p = 0; p < PyTuple_GET_SIZE(paragraphs); p++) {
            PyObject *ends = PyTuple_GET_ITEM(paragraphs, p);
            Py_ssize_t size = PySequence_Fast_GET_SIZE(ends);
            col->end_start[par++] = at;
            if (read_i64s(ends, "ends", 0, LARGEST, col->ends + at, size) < 0)
                return -1;
            at += size;
        }
    }
    col->par_start[n] = par;
    col->end_start[par] = at;
    for (Py_ssize_t r = 0; r < rows; r++) {
        i64 i;
        if (exact_int(PySequence_Fast_GET_ITEM(index, r), "index", 0, (i64)n - 1, &i) < 0)
            return -1;
        col->index[r] = (Py_ssize_t)i;
    }
    return 0;
}

PyDoc_STRVAR(widen_doc,
"widen(columns, rows, widths, maxima, room, step, counts, padding, bound_margin, tie_margin)\n"
"--\n\n"
"_Fitting.widen's loop: (the widths, the room left when every column reached its maximum).\n"
"columns: per column ([(space, ends per paragraph) per distinct cell], index of each row's cell).");

static PyObject *py_widen(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *columns, *widths_in, *maxima_in, *counts_in, *result = NULL;
    Py_ssize_t rows;
    i64 room, step, padding;
    double bound_margin, tie_margin;
    if (!PyArg_ParseTuple(args, "OnOOLLOLdd", &columns, &rows, &widths_in, &maxima_in, &room, &step, &counts_in,
                          &padding, &bound_margin, &tie_margin))
        return NULL;
    if (exact_sequence(columns, "columns") < 0 || exact_sequence(counts_in, "counts") < 0)
        return NULL;
    if (room < -LARGEST || room > LARGEST || padding < 0 || padding > LARGEST || step < 1 || step > LARGEST) {
        PyErr_SetString(PyExc_OverflowError, "room, padding or step out of range");
        return NULL;
    }
    Arena arena = {NULL, 0, 0};
    Fitting f;
    memset(&f, 0, sizeof f);
    f.columns = PySequence_Fast_GET_SIZE(columns);
    f.rows = rows;
    f.padding = padding;
    f.step = step;
    f.bound_margin = bound_margin;
    f.tie_margin = tie_margin;
    f.n_counts = PySequence_Fast_GET_SIZE(counts_in);
    if (f.columns > MOST_COLUMNS) {
        PyErr_SetString(PyExc_OverflowError, "too many columns for 64 bits");
        goto done;
    }
    if (f.n_counts <= 0 || rows < 0) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "no slice counts, or fewer than no rows");
        goto done;
    }
    f.cols = arena_alloc(&arena, f.columns, sizeof(Column));
    f.states = arena_alloc(&arena, f.columns, sizeof(State));
    f.widths = arena_alloc(&arena, f.columns, sizeof(i64));
    f.maxima = arena_alloc(&arena, f.columns, sizeof(i64));
    f.counts = arena_alloc(&arena, f.n_counts, sizeof(i64));
    f.powers = arena_alloc(&arena, rows, sizeof(i64));
    f.scratch_lines = arena_alloc(&arena, rows, sizeof(i64));
    f.scratch_fourths = arena_alloc(&arena, rows, sizeof(i64));
    Py_ssize_t *open = arena_alloc(&arena, f.columns, sizeof(Py_ssize_t));
    Weighed *found = arena_alloc(&arena, f.columns * f.n_counts, sizeof(Weighed));
    if (!f.cols || !f.states || !f.widths || !f.maxima || !f.counts || !f.powers || !f.scratch_lines
        || !f.scratch_fourths || !open || !found) {
        PyErr_NoMemory();
        goto done;
    }
    if (read_i64s(widths_in, "widths", -LARGEST, LARGEST, f.widths, f.columns) < 0
        || read_i64s(maxima_in, "maxima", -LARGEST, LARGEST, f.maxima, f.columns) < 0
        || read_i64s(counts_in, "counts", 1, MOST_SLICES, f.counts, f.n_counts) < 0)
        goto done;
    for (Py_ssize_t c = 0; c < f.columns; c++) {
        if (read_column(PySequence_Fast_GET_ITEM(columns, c), rows, &f.cols[c], &arena) < 0)
            goto done;
        State *s = &f.states[c];
        s->slots = arena_alloc(&arena, f.n_counts, sizeof(Candidate));
        s->lines = arena_alloc(&arena, rows, sizeof(i64));
        s->fourths = arena_alloc(&arena, rows, sizeof(i64));
        if (!s->slots || !s->lines || !s->fourths) {
            PyErr_NoMemory();
            goto done;
        }
        for (Py_ssize_t k = 0; k < f.n_counts; k++) {
            s->slots[k].lines = arena_alloc(&arena, rows, sizeof(i64));
            s->slots[k].fourths = arena_alloc(&arena, rows, sizeof(i64));
            if (!s->slots[k].lines || !s->slots[k].fourths) {
                PyErr_NoMemory();
                goto done;
            }
        }
    }
    room = widen(&f, room, open, found);
    PyObject *widths = PyList_New(f.columns);
    if (widths == NULL)
        goto done;
    for (Py_ssize_t c = 0; c < f.columns; c++) {
        PyObject *value = PyLong_FromLongLong(f.widths[c]);
        if (value == NULL) {
            Py_DECREF(widths);
            goto done;
        }
        PyList_SET_ITEM(widths, c, value);
    }
    result = Py_BuildValue("(NL)", widths, room);
done:
    arena_free(&arena);
    return result;
}

static PyMethodDef methods[] = {
    {"widen", py_widen, METH_VARARGS, widen_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "pipeline._widen", "The column fit's widening, compiled (pipeline/autofit.py).", -1,
    methods,
};

/* What autofit.py checks before using this module (WIDEN_INTERFACE): raised whenever widen's arguments
 * or its choices change, so that a module built from older source (an editable install updated with
 * `git pull` but not reinstalled) is left unused rather than called wrongly. */
#define INTERFACE 1

PyMODINIT_FUNC PyInit__widen(void)
{
    PyObject *m = PyModule_Create(&module);
    if (m != NULL && PyModule_AddIntConstant(m, "INTERFACE", INTERFACE) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
