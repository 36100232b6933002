#ifndef CASEFILE_CLIBXML2_SHIM_H
#define CASEFILE_CLIBXML2_SHIM_H

// xmlversion.h first, then switch off ICU: Debian's libxml2 headers pull in ICU headers
// whose UErrorCode clashes with Foundation's copy on a clean build.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlsave.h>
#include <libxml/c14n.h>

/// The libxml2 version string this binary runs with (`xmlParserVersion`).
static inline const char *casefile_xml_parser_version(void) { return xmlParserVersion; }

/// `xmlFree` is a macro or a global function pointer depending on the build.
static inline void casefile_xml_free(void *pointer) { xmlFree(pointer); }

/// Plugs schema validation into a parser context's SAX handler (`xmlSchemaSAXPlug`).
static inline xmlSchemaSAXPlugPtr casefile_schema_plug(xmlSchemaValidCtxtPtr validator,
                                                       xmlParserCtxtPtr parser) {
  return xmlSchemaSAXPlug(validator, &parser->sax, &parser->userData);
}

/// The line the parser has reached, or 0.
static inline int casefile_parser_line(xmlParserCtxtPtr parser) {
  return (parser != NULL && parser->input != NULL) ? parser->input->line : 0;
}

/// The column the parser has reached, or 0.
static inline int casefile_parser_column(xmlParserCtxtPtr parser) {
  return (parser != NULL && parser->input != NULL) ? parser->input->col : 0;
}

#endif
