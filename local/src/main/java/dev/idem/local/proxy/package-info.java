/**
 * The HTTP(S) proxy function instances use, so that an SDK which ignores {@code AWS_ENDPOINT_URL}
 * still reaches the local edge: {@link dev.idem.local.proxy.ProxyServer} answers {@code CONNECT} to
 * an AWS host with a certificate from the run's {@link dev.idem.local.proxy.CertificateAuthority}
 * and relays the decrypted requests to the edge; other hosts are refused.
 */
package dev.idem.local.proxy;
