/**
 * Spring Boot auto-configuration for Tern: a {@code ConnectionFactory} on an embedded or remote broker,
 * configured by {@code tern.*} properties, on which Boot's JMS auto-configuration builds the
 * {@code JmsTemplate} and {@code @JmsListener} containers.
 */
package dev.tern.spring.boot;
