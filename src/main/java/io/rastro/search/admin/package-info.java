/** The administration of search: the check against the read model and the reindex. */
@NullMarked
package io.rastro.search.admin;

import org.jspecify.annotations.NullMarked;
