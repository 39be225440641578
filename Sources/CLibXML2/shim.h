#ifndef SCHMORL_CLIBXML2_SHIM_H
#define SCHMORL_CLIBXML2_SHIM_H
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>
#include <libxml/parserInternals.h>
#include <libxml/encoding.h>
#endif
