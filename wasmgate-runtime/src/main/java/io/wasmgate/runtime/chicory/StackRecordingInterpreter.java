package io.wasmgate.runtime.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.MStack;
import com.dylibso.chicory.runtime.StackFrame;
import java.util.Arrays;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chicory's interpreter, remembering the wasm call stack of the last trap. Compiled code leaves
 * its wasm frames in the Java stack trace; the interpreter runs every function in one Java loop, so
 * its frames exist only in its own call stack, which is unwound by the time the trap reaches us.
 * The innermost {@code eval} still sees them as the trap passes, at no cost when nothing traps.
 * One instance per VM, used by one thread at a time, like the VM.
 */
final class StackRecordingInterpreter extends InterpreterMachine {
  /** StackFrame#toString starts "name[index]" (the name may be empty), then pc and locals. */
  private static final Pattern FRAME = Pattern.compile("\\[(\\d+)]\\s*(?:\\n|$)");

  private Throwable recordedFor;
  private int[] frames = new int[0];

  StackRecordingInterpreter(Instance instance) {
    super(instance);
  }

  @Override
  protected void eval(MStack stack, Instance instance, Deque<StackFrame> callStack) {
    try {
      super.eval(stack, instance, callStack);
    } catch (RuntimeException e) { // a trap, an interrupt, or a host function's exception
      if (recordedFor != e) {
        recordedFor = e;
        frames = indices(callStack);
      }
      throw e;
    }
  }

  /** Function indices of {@code thrown}'s wasm stack, innermost first; empty when unknown. */
  int[] framesOf(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t == recordedFor) {
        return frames;
      }
    }
    return new int[0];
  }

  private static int[] indices(Deque<StackFrame> callStack) {
    int[] out = new int[callStack.size()];
    int n = 0;
    for (StackFrame frame : callStack) { // a Deque used as a stack iterates from its top
      Matcher m = FRAME.matcher(frame.toString());
      if (m.find()) {
        out[n++] = Integer.parseInt(m.group(1));
      }
    }
    return Arrays.copyOf(out, n);
  }
}
