/**
 * The command line: one class per command (parse, validate, make one call into {@code pipeline}, print),
 * option mixins shared by commands, config-file defaults, exit codes, console and log-file output. No algorithm
 * code lives here.
 *
 * <p>May import: pipeline and the value and options types of the packages below it.
 */
package dev.issosynth.cli;
