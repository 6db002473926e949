/**
 * Rate limiting shared by the services and the transport, in plain Java.
 */
package dev.sockets.limits;
