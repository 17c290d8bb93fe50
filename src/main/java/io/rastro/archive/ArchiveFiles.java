package io.rastro.archive;

import java.util.Optional;
import java.util.function.Consumer;

/** The archive's files, for the queries that show an archived shipment. */
public interface ArchiveFiles {

  /**
   * A shipment as an archive file holds it.
   *
   * @param file the file, as {@code archived_shipments} names it
   * @return empty when the file does not hold it
   * @throws io.rastro.platform.ConflictException (with {@code Retry-After}) when the file's storage
   *     class needs a restore before it is read
   */
  Optional<ArchivedShipment> read(String file, String trackingNumber);

  /**
   * Hands every shipment the archive holds now to {@code each}, a file at a time: those that came
   * back since are not handed, though their file still holds them.
   */
  void forEachArchived(Consumer<ArchivedShipment> each);
}
