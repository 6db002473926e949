/**
 * The guards of every listener, in plain Java: who may connect (access rules over address
 * ranges, parsed from literals only), how many connections and how fast per client
 * (per-source tables, token buckets), and a log that floods cannot flood.
 */
package dev.sockets.limits;
