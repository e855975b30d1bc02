/* meta.h - the facts of the catalogue's `meta` table, for the builder
 * (writer.c) and the kiosk (app/catalog_read.c): one place for each. */
#ifndef SPORTELLO_CATALOG_META_H
#define SPORTELLO_CATALOG_META_H

/* meta 'schema_version': the layout of the tables (docs/catalog.md); 2:
 * the search tables' columns per field, the Latin letters and the words
 * without their prefixes (docs/design.md, "Search"); 3: the translators'
 * recordings (table `recordings`, docs/design.md "Recordings"); 4:
 * articles.checked, when an article's facts were last read ("" when its
 * data says not). */
#define CATALOG_SCHEMA_VERSION 4

/* meta 'built_at': the build's time, "YYYY-MM-DDTHH:MM:SSZ" (UTC; the
 * builder takes SOURCE_DATE_EPOCH when set).  It is also the catalogue's
 * version: the kiosk refuses a catalogue built before the one it has
 * accepted (signed.h, signed_version_of). */

#endif
