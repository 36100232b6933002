#ifndef CASEFILE_CLIBARCHIVE_SHIM_H
#define CASEFILE_CLIBARCHIVE_SHIM_H

#include <archive.h>
#include <archive_entry.h>

#endif
