#ifndef SCHMORL_CLIBXML2_SHIM_H
#define SCHMORL_CLIBXML2_SHIM_H
// The parts of libxml2 SchmorlXML uses: the parser context with its SAX handlers (replaced to build Schmorl's own
// tree with source positions and to refuse entity declarations), structured errors and the encoding converters.
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>
#include <libxml/parserInternals.h>
#include <libxml/encoding.h>
#include <libxml/SAX2.h>
#include <libxml/globals.h>
#include <libxml/entities.h>
#endif
