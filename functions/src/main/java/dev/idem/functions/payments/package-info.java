/**
 * CapturePaymentFunction: charges a placed order with the payment provider, once, and records the
 * outcome on the order ({@code PAID} or {@code PAYMENT_FAILED}).
 */
package dev.idem.functions.payments;
