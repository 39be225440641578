#ifndef SCHMORL_CLIBXML2_SHIM_H
#define SCHMORL_CLIBXML2_SHIM_H
// The parts of libxml2 SchmorlXML uses: the tree, the parser context with its SAX2 handlers (wrapped to record
// source positions and to refuse entity declarations), structured errors and the encoding converters.
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
