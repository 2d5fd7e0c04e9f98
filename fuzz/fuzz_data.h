/* fuzz_data.h - where fuzz targets find NLTK's data (Punkt tables): $NLTK_DATA (searched by
 * the library itself when this returns NULL), HME_SHARED_DIR/nltk_data (set for the replay
 * builds), ../shared/nltk_data from the working directory. NULL also when none exists: the
 * library then runs without sentence splitting, which is still worth fuzzing. */
#ifndef HME_FUZZ_DATA_H
#define HME_FUZZ_DATA_H
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static const char *fuzz_nltk_dir(void) {
    static char buf[4096];
    if (getenv("NLTK_DATA")) return NULL;
#ifdef HME_SHARED_DIR
    snprintf(buf, sizeof buf, "%s/nltk_data", HME_SHARED_DIR);
    if (access(buf, R_OK) == 0) return buf;
#endif
    snprintf(buf, sizeof buf, "../shared/nltk_data");
    if (access(buf, R_OK) == 0) return buf;
    return NULL;
}

#endif
