/**
 * The archive (the seed's "archivado de datos"): shipments whose last activity is older than {@code
 * rastro.archive.after} leave the write model, with all their events, for Parquet files on cheap
 * storage (a local directory or any S3-compatible store), each file read back and checked before
 * the rows go. An archived shipment stays findable: the queries read it from its file through the
 * index {@code archived_shipments}, and an event that comes for it brings it back first. {@link
 * io.rastro.archive.ArchiveFiles} and the events {@link io.rastro.archive.ShipmentArchived} and
 * {@link io.rastro.archive.ShipmentRestored} are the module's API.
 */
@NullMarked
package io.rastro.archive;

import org.jspecify.annotations.NullMarked;
