/* scan_scalar.c - the scalar twins of the structural scans: the oracle for the vector
 * versions and the tail loop they share. */
#include "scan.h"

#include <string.h>

size_t hme_scan_newline_scalar(const char *p, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (p[i] == '\n') return i;
    return n;
}

size_t hme_scan_strspecial_scalar(const char *p, size_t n) {
    const unsigned char *s = (const unsigned char *)p;
    for (size_t i = 0; i < n; i++)
        if (hme_scan_is_special(s[i])) return i;
    return n;
}
