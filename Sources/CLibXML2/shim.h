#ifndef CASEFILE_CLIBXML2_SHIM_H
#define CASEFILE_CLIBXML2_SHIM_H

// xmlversion.h first, then switch off ICU: Debian's libxml2 headers pull in ICU headers
// whose UErrorCode clashes with Foundation's copy on a clean build.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlsave.h>
#include <libxml/catalog.h>

/// The libxml2 version string this binary runs with (`xmlParserVersion`).
static inline const char *casefile_xml_parser_version(void) { return xmlParserVersion; }

#endif
