/**
 * The Chainrule SPI. Conventions that hold for every type here:
 *
 * <ul>
 *   <li>Matrices are float32, row-major, one sample per row (see {@link org.chainrule.api.Matrix}).
 *   <li>Plugin calls take whole batches; nothing is called per element.
 *   <li>The engine owns the matrices it passes to a plugin; a plugin writes only the output the
 *       call names and keeps no reference.
 *   <li>{@code null} is never a valid argument; methods throw {@link java.lang.NullPointerException}.
 *   <li>Errors that a user can cause are {@link org.chainrule.api.ChainruleException}s whose message
 *       is one line naming what, where, and expected versus found.
 * </ul>
 */
package org.chainrule.api;
