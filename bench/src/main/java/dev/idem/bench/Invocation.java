package dev.idem.bench;

/** One invocation of a benchmarked handler. */
@FunctionalInterface
interface Invocation {

  /**
   * Runs the handler once.
   *
   * @param sequence a number unique to this invocation in the whole run, to derive fresh keys from
   */
  void run(long sequence) throws Exception;
}
