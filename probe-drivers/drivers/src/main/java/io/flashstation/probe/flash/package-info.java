/**
 * The flash session: one board from connect to reset-and-run, with progress events and a result whose failure
 * reason comes from one small taxonomy.
 */
package io.flashstation.probe.flash;
