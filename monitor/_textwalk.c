/* A page's visible text nodes as plain strings, each with the element that holds it, read from
 * lxml's tree in one walk.
 *
 * In C because lxml's `descendant::text()` answers with "smart strings": a str subclass per
 * node that carries a proxy object of its parent element, made for every node although the
 * scorer asks for the element of a few (those holding keyword hits). Here each node's element
 * is kept as a libxml2 pointer, and its proxy made only when asked for. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <libxml/tree.h>

#include "lxml.etree_api.h"

/* The elements holding each text node, by its index: valid while the tree is not changed (the
 * scorer reads a parsed page, never edits it after the walk). */
typedef struct {
    PyObject_HEAD
    struct LxmlElement *root; /* the element walked: keeps the document alive */
    Py_ssize_t count;
    xmlNode **owners;
} Owners;

static void owners_dealloc(Owners *self) {
    Py_XDECREF(self->root);
    PyMem_Free(self->owners);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static Py_ssize_t owners_length(Owners *self) { return self->count; }

static PyObject *owners_item(Owners *self, Py_ssize_t i) {
    if (i < 0 || i >= self->count) {
        PyErr_SetString(PyExc_IndexError, "no such text node");
        return NULL;
    }
    return (PyObject *)elementFactory(self->root->_doc, self->owners[i]);
}

static PySequenceMethods owners_sequence = {
    .sq_length = (lenfunc)owners_length,
    .sq_item = (ssizeargfunc)owners_item,
};

static PyTypeObject OwnersType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "monitor._textwalk.Owners",
    .tp_basicsize = sizeof(Owners),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_dealloc = (destructor)owners_dealloc,
    .tp_as_sequence = &owners_sequence,
    .tp_doc = "The element holding each text node, by the node's index.",
};

static int is_space(PyObject *text) {
    /* str.isspace(): not empty, and every character white space. */
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    for (Py_ssize_t i = 0; i < length; i++)
        if (!Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)))
            return 0;
    return length > 0;
}

static PyObject *text_nodes(PyObject *module, PyObject *element) {
    struct LxmlElement *root = rootNodeOrRaise(element);
    if (root == NULL)
        return NULL;
    Owners *owners = PyObject_New(Owners, &OwnersType);
    if (owners == NULL) {
        Py_DECREF(root);
        return NULL;
    }
    owners->root = root; /* the reference rootNodeOrRaise gave */
    owners->count = 0;
    owners->owners = NULL;
    PyObject *texts = PyList_New(0);
    if (texts == NULL) {
        Py_DECREF(owners);
        return NULL;
    }
    Py_ssize_t room = 0;
    xmlNode *top = root->_c_node, *node = top->children;
    /* Document order, as XPath's descendant axis: a node, then its children, then its next sibling. */
    while (node != NULL) {
        if ((node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) && node->content != NULL) {
            const char *content = (const char *)node->content;
            PyObject *text = PyUnicode_DecodeUTF8(content, strlen(content), "strict");
            if (text == NULL)
                goto error;
            if (is_space(text)) {
                Py_DECREF(text);
            } else {
                if (owners->count == room) {
                    room = room ? 2 * room : 256;
                    xmlNode **grown = PyMem_Realloc(owners->owners, room * sizeof(xmlNode *));
                    if (grown == NULL) {
                        Py_DECREF(text);
                        PyErr_NoMemory();
                        goto error;
                    }
                    owners->owners = grown;
                }
                int failed = PyList_Append(texts, text);
                Py_DECREF(text);
                if (failed)
                    goto error;
                owners->owners[owners->count++] = node->parent;
            }
        }
        if (node->type == XML_ELEMENT_NODE && node->children != NULL) {
            node = node->children;
            continue;
        }
        while (node != top && node->next == NULL)
            node = node->parent;
        node = node == top ? NULL : node->next;
    }
    return Py_BuildValue("NN", texts, owners);
error:
    Py_DECREF(texts);
    Py_DECREF(owners);
    return NULL;
}

static PyMethodDef methods[] = {
    {"text_nodes", text_nodes, METH_O,
     "text_nodes(element) -> (the text nodes under it that are not all white space, in document\n"
     "order, as str; the element holding each, by index)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "monitor._textwalk", NULL, -1, methods};

PyMODINIT_FUNC PyInit__textwalk(void) {
    if (import_lxml__etree() < 0 || PyType_Ready(&OwnersType) < 0)
        return NULL;
    return PyModule_Create(&module);
}
