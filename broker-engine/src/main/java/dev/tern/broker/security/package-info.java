/**
 * Who may connect: an {@link dev.tern.broker.security.Authenticator} checks the user and password a
 * connection opens with and returns the {@link dev.tern.broker.security.AuthenticatedUser}, with its
 * roles, that the connection then acts as. {@link dev.tern.broker.security.SecuritySettings} say which
 * authenticator a broker uses: the users file, and the guest user that connections giving no user name
 * act as. Roles are loaded now so that per-destination authorization can be added on top without
 * changing how users are configured.
 */
package dev.tern.broker.security;
