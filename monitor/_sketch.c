/* Bottom-k sketch of a text's 3-character shingles, hashed as `mmh3.hash(shingle, 0, False)`
 * hashes each one (MurmurHash3_x86_32 of its UTF-8 bytes, seed 0).
 *
 * In C because a page has thousands of shingles: hashed by one Python call each they cost more
 * than parsing the page, and numpy spends most of its time between calls on so few. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define SHINGLE 3 /* characters; Chinese has no spaces to cut words on */
#define SPECIAL 0xffff /* a table entry that cannot tell a character's kept lower case */

static inline uint32_t rotl32(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }

static uint32_t murmur3_32(const unsigned char *data, Py_ssize_t len) {
    const uint32_t c1 = 0xcc9e2d51, c2 = 0x1b873593;
    uint32_t h = 0, k;
    Py_ssize_t blocks = len / 4, i;
    for (i = 0; i < blocks; i++) {
        memcpy(&k, data + 4 * i, 4); /* little-endian, as mmh3 reads on x86 and ARM */
        k *= c1;
        k = rotl32(k, 15);
        k *= c2;
        h ^= k;
        h = rotl32(h, 13);
        h = h * 5 + 0xe6546b64;
    }
    const unsigned char *tail = data + 4 * blocks;
    k = 0;
    switch (len & 3) {
    case 3: k ^= (uint32_t)tail[2] << 16; /* fall through */
    case 2: k ^= (uint32_t)tail[1] << 8;  /* fall through */
    case 1:
        k ^= tail[0];
        k *= c1;
        k = rotl32(k, 15);
        k *= c2;
        h ^= k;
    }
    h ^= (uint32_t)len;
    h ^= h >> 16;
    h *= 0x85ebca6b;
    h ^= h >> 13;
    h *= 0xc2b2ae35;
    h ^= h >> 16;
    return h;
}

/* Sorts `n` values in place, least significant byte first (`tmp`: room for n more). */
static void radix_sort(uint32_t *values, uint32_t *tmp, Py_ssize_t n) {
    for (int shift = 0; shift < 32; shift += 8) {
        Py_ssize_t count[257] = {0};
        for (Py_ssize_t i = 0; i < n; i++)
            count[((values[i] >> shift) & 0xff) + 1]++;
        for (int b = 0; b < 256; b++)
            count[b + 1] += count[b];
        for (Py_ssize_t i = 0; i < n; i++)
            tmp[count[(values[i] >> shift) & 0xff]++] = values[i];
        uint32_t *swap = values;
        values = tmp;
        tmp = swap;
    }
    /* Four passes: the sorted values are back in the first buffer. */
}

/* The k smallest of n values, into `heap` (room for k) in no order; returns how many (at most k).
 * A max-heap of the smallest seen: O(n log k) whatever order a page puts its hashes in. */
static Py_ssize_t keep_smallest(const uint32_t *values, Py_ssize_t n, uint32_t *heap, Py_ssize_t k) {
    Py_ssize_t size = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        uint32_t v = values[i];
        Py_ssize_t at;
        if (size < k) { /* room left: v goes in at the bottom and climbs */
            at = size++;
            while (at > 0 && heap[(at - 1) / 2] < v) {
                heap[at] = heap[(at - 1) / 2];
                at = (at - 1) / 2;
            }
            heap[at] = v;
        } else if (k > 0 && v < heap[0]) { /* v replaces the largest kept and sinks */
            at = 0;
            for (;;) {
                Py_ssize_t child = 2 * at + 1;
                if (child >= size)
                    break;
                if (child + 1 < size && heap[child + 1] > heap[child])
                    child++;
                if (heap[child] <= v)
                    break;
                heap[at] = heap[child];
                at = child;
            }
            heap[at] = v;
        }
    }
    return size;
}

/* Odd, and different in each process as Python's string hashes are: a page cannot be made to
 * put its shingles in one slot of the table that finds the distinct ones. */
static uint32_t slot_multiplier = 0x9e3779b1;

/* The distinct values of `hashes` (n of them), kept at its front; returns how many. A hash table
 * (2^bits slots, linear probing): a probe or two per value, no sorting. */
static Py_ssize_t keep_distinct(uint32_t *hashes, Py_ssize_t n, uint32_t *table, int bits) {
    uint32_t mask = (uint32_t)(((uint64_t)1 << bits) - 1);
    Py_ssize_t distinct = 0;
    int zero = 0; /* the table's empty slot is 0, so a hash of 0 is remembered apart */
    for (Py_ssize_t i = 0; i < n; i++) {
        uint32_t h = hashes[i];
        if (h == 0) {
            zero = 1;
            continue;
        }
        uint32_t at = (uint32_t)(h * slot_multiplier) >> (32 - bits); /* multiply-shift */
        while (table[at] != 0 && table[at] != h)
            at = (at + 1) & mask;
        if (table[at] == 0) {
            table[at] = h;
            hashes[distinct++] = h;
        }
    }
    if (zero)
        hashes[distinct++] = 0;
    return distinct;
}

/* The sketch of a kept text given as its UTF-8 (`nbytes` bytes, `length` characters) and where
 * each character starts in it (`starts`, with room for one more entry: where the text ends). */
static PyObject *sketch_of(const unsigned char *data, Py_ssize_t nbytes, uint32_t *starts, Py_ssize_t length,
                           Py_ssize_t size) {
    /* One shingle when the text has no more than SHINGLE characters: the whole text. */
    Py_ssize_t count = length == 0 ? 0 : length <= SHINGLE ? 1 : length - SHINGLE + 1;
    int bits = 4;
    while (((Py_ssize_t)1 << bits) < 2 * count)
        bits++;
    Py_ssize_t slots = (Py_ssize_t)1 << bits;
    /* The hashes, room to sort them, and the table that finds the distinct ones. */
    uint32_t *hashes = PyMem_Calloc(2 * count + slots, sizeof(uint32_t));
    if (hashes == NULL)
        return PyErr_NoMemory();
    starts[length] = (uint32_t)nbytes;
    if (length <= SHINGLE) {
        if (count)
            hashes[0] = murmur3_32(data, nbytes);
    } else {
        for (Py_ssize_t i = 0; i < count; i++)
            hashes[i] = murmur3_32(data + starts[i], starts[i + SHINGLE] - starts[i]);
    }
    Py_ssize_t distinct = keep_distinct(hashes, count, hashes + 2 * count, bits);
    Py_ssize_t shown = distinct < size ? distinct : size < 0 ? 0 : size;
    if (shown < distinct) {
        keep_smallest(hashes, distinct, hashes + count, shown);
        memcpy(hashes, hashes + count, shown * sizeof(uint32_t));
    }
    radix_sort(hashes, hashes + count, shown);
    PyObject *bottom = PyList_New(shown);
    for (Py_ssize_t i = 0; bottom != NULL && i < shown; i++) {
        PyObject *value = PyLong_FromUnsignedLong(hashes[i]);
        if (value == NULL)
            Py_CLEAR(bottom);
        else
            PyList_SET_ITEM(bottom, i, value);
    }
    PyMem_Free(hashes);
    return bottom == NULL ? NULL : Py_BuildValue("Nn", bottom, distinct);
}

static PyObject *sketch_kept(PyObject *module, PyObject *args) {
    PyObject *kept;
    Py_ssize_t size, nbytes;
    if (!PyArg_ParseTuple(args, "Un:sketch_kept", &kept, &size))
        return NULL;
    /* Python keeps the UTF-8 with the string: mmh3 hashes the same bytes. */
    const unsigned char *data = (const unsigned char *)PyUnicode_AsUTF8AndSize(kept, &nbytes);
    if (data == NULL)
        return NULL;
    Py_ssize_t length = PyUnicode_GET_LENGTH(kept), n = 0;
    uint32_t *starts = PyMem_Malloc(sizeof(uint32_t) * (length + 1));
    if (starts == NULL)
        return PyErr_NoMemory();
    for (Py_ssize_t at = 0; at < nbytes; at++) {
        starts[n] = (uint32_t)at;
        n += (data[at] & 0xc0) != 0x80; /* not a continuation byte (10xxxxxx) */
    }
    PyObject *result = sketch_of(data, nbytes, starts, length, size);
    PyMem_Free(starts);
    return result;
}

static PyObject *sketch_text(PyObject *module, PyObject *args) {
    PyObject *text;
    Py_buffer table;
    Py_ssize_t size;
    if (!PyArg_ParseTuple(args, "Uy*n:sketch_text", &text, &table, &size))
        return NULL;
    if (table.len != 0x10000 * sizeof(uint16_t)) {
        PyBuffer_Release(&table);
        PyErr_SetString(PyExc_ValueError, "the table holds a 16-bit entry for each BMP character");
        return NULL;
    }
    const uint16_t *lower = table.buf;
    int kind = PyUnicode_KIND(text);
    const void *chars = PyUnicode_DATA(text);
    Py_ssize_t length = PyUnicode_GET_LENGTH(text), kept = 0, nbytes = 0;
    /* The kept characters' UTF-8 (three bytes at most each: all are in the BMP), where each
     * starts, and one more entry. */
    unsigned char *data = PyMem_Malloc(3 * length + 3 + 4 * (length + 1)); /* 3: aligning `starts` */
    if (data == NULL) {
        PyBuffer_Release(&table);
        return PyErr_NoMemory();
    }
    uint32_t *starts = (uint32_t *)(data + 3 * length + (4 - (3 * length) % 4) % 4);
    for (Py_ssize_t i = 0; i < length; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, chars, i);
        uint16_t low = c < 0x10000 ? lower[c] : SPECIAL;
        if (low == 0)
            continue;
        if (low == SPECIAL) { /* the table cannot tell: the caller asks Python */
            PyMem_Free(data);
            PyBuffer_Release(&table);
            Py_RETURN_NONE;
        }
        starts[kept++] = (uint32_t)nbytes;
        if (low < 0x80) {
            data[nbytes++] = (unsigned char)low;
        } else if (low < 0x800) {
            data[nbytes++] = 0xc0 | low >> 6;
            data[nbytes++] = 0x80 | (low & 0x3f);
        } else {
            data[nbytes++] = 0xe0 | low >> 12;
            data[nbytes++] = 0x80 | (low >> 6 & 0x3f);
            data[nbytes++] = 0x80 | (low & 0x3f);
        }
    }
    PyBuffer_Release(&table);
    PyObject *result = sketch_of(data, nbytes, starts, kept, size);
    PyMem_Free(data);
    return result;
}

static PyMethodDef methods[] = {
    {"sketch_text", sketch_text, METH_VARARGS,
     "sketch_text(text, table, size) -> as sketch_kept of the text's kept characters, or None where\n"
     "`table` (each BMP character's kept lower case, 0 if dropped, 0xFFFF if it cannot tell) cannot tell."},
    {"sketch_kept", sketch_kept, METH_VARARGS,
     "sketch_kept(kept, size) -> (the size smallest distinct shingle hashes, sorted; how many distinct)\n"
     "`kept`: the text as shingles read it (lower case, letters and digits only)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "monitor._sketch", NULL, -1, methods};

PyMODINIT_FUNC PyInit__sketch(void) {
    PyObject *word = PyUnicode_FromString("certsweep");
    Py_hash_t seed = word == NULL ? -1 : PyObject_Hash(word);
    Py_XDECREF(word);
    if (seed == -1)
        return NULL;
    slot_multiplier = (uint32_t)seed | 1;
    return PyModule_Create(&module);
}
