/**
 * NotifyCustomerFunction: tells the customer about payment and inventory outcomes through the
 * notification provider, one message per event.
 */
package dev.idem.functions.notifications;
