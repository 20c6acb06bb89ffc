package dev.idem.local.lambda;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The cloud-wide books of {@link Scaling}: the instances starting now and the units of the ceiling
 * taken by the live ones. Pools ask it before starting an instance and report back when the start
 * ends and when the instance is gone; every change that frees room wakes the pools' waiting
 * invocations (on a virtual thread, so that no pool's lock is ever held while another's is taken).
 * Thread-safe.
 */
final class Capacity {

  /** What a pool may do about a new instance. */
  enum Admission {
    /** Start it: a start slot and its share of the ceiling are taken. */
    START,
    /** Every start slot is taken: wait for one, or for an instance to free up. */
    STARTS_FULL,
    /** The ceiling is reached: retire an idle instance somewhere, or throttle. */
    CEILING_FULL
  }

  private final Scaling scaling;
  private final List<Runnable> waiters = new CopyOnWriteArrayList<>();
  private int starting;
  private long used;
  private int peakStarting;

  Capacity(Scaling scaling) {
    this.scaling = scaling;
  }

  Scaling scaling() {
    return scaling;
  }

  /** Registers a pool's wake-up, run whenever room frees up. */
  void onRoom(Runnable wake) {
    waiters.add(wake);
  }

  /** Takes a start slot and the instance's share of the ceiling, if both are free. */
  synchronized Admission admit(FunctionDefinition function) {
    if (used + scaling.cost(function) > scaling.ceiling()) {
      return Admission.CEILING_FULL;
    }
    if (starting >= scaling.maxStarting()) {
      return Admission.STARTS_FULL;
    }
    starting++;
    peakStarting = Math.max(peakStarting, starting);
    used += scaling.cost(function);
    return Admission.START;
  }

  /**
   * Takes the instance's share of the ceiling without a start slot, for instances started before
   * the cloud is ready (nothing else competes for the cores then).
   */
  synchronized boolean reserve(FunctionDefinition function) {
    if (used + scaling.cost(function) > scaling.ceiling()) {
      return false;
    }
    used += scaling.cost(function);
    return true;
  }

  /** An admitted instance's start has ended (its init finished, failed or timed out). */
  void startEnded() {
    synchronized (this) {
      starting--;
    }
    wakeWaiters();
  }

  /** An instance is gone: its share of the ceiling is free. */
  void released(FunctionDefinition function) {
    synchronized (this) {
      used -= scaling.cost(function);
    }
    wakeWaiters();
  }

  /** The most instances that were starting at once. */
  synchronized int peakStarting() {
    return peakStarting;
  }

  /** The units of the ceiling in use now. */
  synchronized long used() {
    return used;
  }

  private void wakeWaiters() {
    Thread.ofVirtual().start(() -> waiters.forEach(Runnable::run));
  }
}
