/** Creating and revoking API keys ({@code ADMIN} only): the command and its web adapter. */
@NullMarked
package io.rastro.security.commands;

import org.jspecify.annotations.NullMarked;
