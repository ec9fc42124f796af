package io.wasmgate.proxy.stream;

/** What a {@link FilterPhaseRunner} asks the stream around every filter callback. */
interface CallbackGate {
  void enterCallback();

  void exitCallback();

  /**
   * True once the stream has a local reply queued or was reset: iteration must stop. The request
   * direction also stops once a local reply started.
   */
  boolean stopped(boolean request);

  /**
   * True (once) when the filter called continueStream for this direction during the callback it
   * just returned PAUSE from; the pause is then void.
   */
  boolean takeEarlyContinue(boolean request);
}
