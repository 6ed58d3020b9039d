"""int8 weight quantization of an ONNX graph with only `onnx` and numpy.

    python3 training/quantize.py model-fp32.onnx model-int8.onnx --weights-only
    python3 training/quantize.py --proposal-switch cloze.onnx cloze.onnx
    python3 training/quantize.py --row-positions cloze.onnx cloze.onnx


Every 2-D initializer read as the weight of a MatMul (input B, [in, out]: one scale per output column)
or a Gemm (B, per output channel), or as the table of a Gather (an embedding [V, E]: one scale per row)
is stored as int8 plus a float32 scale per channel (symmetric, zero point 0): the file is ~4x smaller.
With --weights-only (dynamic=False, the GPU graphs: gpu_graph, which also decomposes LogSoftmax) a
DequantizeLinear node recreates each float tensor under its old name and the consumers are unchanged; onnxruntime then still multiplies in fp32 (measured here: ~10%
less CPU than fp32). Otherwise MatMul weights take an integer form: given each MatMul input's calibrated
range (`ranges`, the CPU graphs: static_matmul), QuantizeLinear(x) at that range's fixed scale and zero
point -> MatMulIntegerToFloat(x_u8, w_s8, + the bias Add it absorbs), one integer kernel; without ranges, the
dynamic form onnxruntime's own quantize_dynamic writes, DynamicQuantizeLinear(x) -> MatMulInteger -> Cast ->
Mul by x_scale * w_scale, which onnxruntime fuses alike. Embeddings and Gemm weights keep the
DequantizeLinear form. The CPU cloze graph also gets its top-K behind a switch (proposal_switch) and its head
run at the positions an input names (row_positions); --proposal-switch and --row-positions add only that, to a
CPU cloze graph made before it had one.

    python3 training/quantize.py model-fp32.onnx model-int8.onnx --ranges RANGES.json

(RANGES.json: one graph's {tensor name: [min, max]}, as export.py's activation_ranges measures them: the "electric"
or "cloze" entry of a checkpoint's activation-ranges.json.)
"""
import json
import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import helper, numpy_helper


def quantize_per_channel(w: np.ndarray, axis: int):
    """w float [.., C, ..] -> (int8 tensor, float32 scale [C]) with w ~ q * scale along `axis`."""
    reduce = tuple(i for i in range(w.ndim) if i != axis)
    scale = np.abs(w).max(axis=reduce) / 127.0
    scale = np.where(scale > 0, scale, 1.0).astype(np.float32)
    shape = [1] * w.ndim
    shape[axis] = -1
    q = np.clip(np.round(w / scale.reshape(shape)), -127, 127).astype(np.int8)
    return q, scale


def dequantize(q: np.ndarray, scale: np.ndarray, axis: int) -> np.ndarray:
    shape = [1] * q.ndim
    shape[axis] = -1
    return q.astype(np.float32) * scale.reshape(shape)


def weight_axes(graph) -> dict:
    """initializer name -> channel axis, for the 2-D float weights worth quantizing."""
    inits = {i.name: i for i in graph.initializer}
    axes = {}
    for node in graph.node:
        if node.op_type == "MatMul" and node.input[1] in inits:
            axes.setdefault(node.input[1], 1)
        elif node.op_type == "Gemm" and node.input[1] in inits:
            trans_b = next((a.i for a in node.attribute if a.name == "transB"), 0)
            axes.setdefault(node.input[1], 0 if trans_b else 1)
        elif node.op_type == "Gather" and node.input[0] in inits:
            axes.setdefault(node.input[0], 0)
    return {n: a for n, a in axes.items()
            if len(inits[n].dims) == 2 and inits[n].data_type == onnx.TensorProto.FLOAT}


def dynamic_matmul(node, w: str) -> list:
    """MatMul(x, w) as DynamicQuantizeLinear -> MatMulInteger -> Cast -> Mul (onnxruntime's fused form)."""
    x, y, n = node.input[0], node.output[0], node.name or y
    return [
        helper.make_node("DynamicQuantizeLinear", [x], [f"{n}_xq", f"{n}_xs", f"{n}_xzp"], name=f"{n}_quant"),
        helper.make_node("MatMulInteger", [f"{n}_xq", w + "_int8", f"{n}_xzp", w + "_zero"], [f"{n}_i32"],
                         name=f"{n}_matmul_int"),
        helper.make_node("Cast", [f"{n}_i32"], [f"{n}_f32"], name=f"{n}_cast", to=onnx.TensorProto.FLOAT),
        helper.make_node("Mul", [f"{n}_xs", w + "_scale"], [f"{n}_scale"], name=f"{n}_scale_mul"),
        helper.make_node("Mul", [f"{n}_f32", f"{n}_scale"], [y], name=f"{n}_out_mul"),
    ]


def static_matmul(node, w: str, lo: float, hi: float, bias: str | None, y: str) -> tuple[list, list]:
    """MatMul(x, w) [+ bias] as QuantizeLinear(x) at the fixed scale and zero point of x's calibrated range
    [lo, hi] (widened to hold 0, so a zero stays exact) -> MatMulIntegerToFloat(x_u8, w_s8, x_scale, w_scale,
    zero points, bias) -> y: the nodes and their two constants. One scale for all the tensor's values as
    dynamic_matmul's, but fixed: a row's result does not depend on the rows batched with it. Values outside
    the range saturate (activation_ranges measures it on training rows)."""
    x, n = node.input[0], node.name or node.output[0]
    lo, hi = min(float(lo), 0.0), max(float(hi), 0.0)
    if not hi > lo:
        raise ValueError(f"{x}: empty calibrated range [{lo}, {hi}]")
    scale = np.float32((hi - lo) / 255.0)
    zero = np.uint8(np.clip(np.round(-lo / scale), 0, 255))
    consts = [numpy_helper.from_array(np.array(scale, np.float32), f"{n}_xs"),
              numpy_helper.from_array(np.array(zero, np.uint8), f"{n}_xzp")]
    nodes = [
        helper.make_node("QuantizeLinear", [x, f"{n}_xs", f"{n}_xzp"], [f"{n}_xq"], name=f"{n}_quant"),
        helper.make_node("MatMulIntegerToFloat",
                         [f"{n}_xq", w + "_int8", f"{n}_xs", w + "_scale", f"{n}_xzp", w + "_zero"] + ([bias] if bias else []),
                         [y], name=f"{n}_matmul_int", domain="com.microsoft"),
    ]
    return nodes, consts


def activation_inputs(model: onnx.ModelProto) -> list:
    """The tensors the integer matmuls read: each MatMul's input whose weight quantize_model makes int8."""
    axes = weight_axes(model.graph)
    return [n.input[0] for n in model.graph.node
            if n.op_type == "MatMul" and len(n.input) > 1 and axes.get(n.input[1]) == 1]


def bias_adds(graph) -> dict:
    """MatMul output -> the Add of a 1-D initializer that alone reads it (a Linear's bias): static_matmul's bias."""
    inits = {i.name: i for i in graph.initializer}
    readers = {}
    for n in graph.node:
        for i in n.input:
            readers.setdefault(i, []).append(n)
    out = {}
    for n in graph.node:
        if n.op_type != "MatMul":
            continue
        r = readers.get(n.output[0], [])
        if len(r) != 1 or r[0].op_type != "Add":
            continue
        other = [i for i in r[0].input if i != n.output[0]]
        if len(other) == 1 and other[0] in inits and len(inits[other[0]].dims) == 1:
            out[n.output[0]] = r[0]
    return out


def quantize_model(model: onnx.ModelProto, dynamic: bool = True, ranges: dict | None = None) -> onnx.ModelProto:
    """int8 weights (the module's docstring); with `dynamic`, MatMuls in the integer form: at the calibrated
    `ranges` ({MatMul input: [min, max]}, every one activation_inputs names) where given, else dynamic."""
    graph = model.graph
    axes = weight_axes(graph)
    if ranges is not None and dynamic:
        missing = [x for x in activation_inputs(model) if x not in ranges]
        if missing:
            raise ValueError(f"no calibrated range for {len(missing)} MatMul inputs, e.g. {missing[:3]}")
    absorbed = bias_adds(graph) if ranges is not None and dynamic else {}
    dropped = set()
    kept, dq_nodes, nodes, float_needed = [], [], [], set()
    for node in graph.node:
        if id(node) in dropped:
            continue
        w = node.input[1] if node.op_type == "MatMul" and len(node.input) > 1 else None
        if dynamic and w in axes and axes[w] == 1:
            if ranges is None:
                nodes += dynamic_matmul(node, w)
                continue
            add = absorbed.get(node.output[0])
            bias = next((i for i in add.input if i != node.output[0]), None) if add else None
            if add:
                dropped.add(id(add))
            more, consts = static_matmul(node, w, *ranges[node.input[0]], bias, add.output[0] if add else node.output[0])
            nodes += more
            kept += consts
        else:
            nodes.append(node)
            float_needed.update(i for i in node.input if i in axes)
    if any(n.domain == "com.microsoft" for n in nodes) and not any(o.domain == "com.microsoft" for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    for init in graph.initializer:
        if init.name not in axes:
            kept.append(init)
            continue
        axis = axes[init.name]
        q, scale = quantize_per_channel(numpy_helper.to_array(init), axis)
        kept += [numpy_helper.from_array(q, init.name + "_int8"),
                 numpy_helper.from_array(scale, init.name + "_scale"),
                 numpy_helper.from_array(np.zeros_like(scale, dtype=np.int8), init.name + "_zero")]
        if init.name in float_needed:
            dq_nodes.append(helper.make_node("DequantizeLinear",
                                             [init.name + "_int8", init.name + "_scale", init.name + "_zero"],
                                             [init.name], name=init.name + "_dequantize", axis=axis))
    del graph.initializer[:]
    graph.initializer.extend(kept)
    nodes = dq_nodes + nodes  # dequantize first: the graph stays topologically sorted
    del graph.node[:]
    graph.node.extend(nodes)
    # An initializer that was also listed as a graph input (old exporters) must not stay one.
    inputs = [i for i in graph.input if i.name not in axes]
    del graph.input[:]
    graph.input.extend(inputs)
    if max(o.version for o in model.opset_import if o.domain in ("", "ai.onnx")) < 13:
        raise ValueError("per-channel DequantizeLinear needs opset >= 13")
    onnx.checker.check_model(model)
    return model


def gather_then_dequantize(model: onnx.ModelProto) -> onnx.ModelProto:
    """An embedding table stored per row (DequantizeLinear, axis 0) and read only by Gathers is read row by row:
    Gather the int8 rows and their scales, then Cast and Mul, the same arithmetic as DequantizeLinear (zero
    points are 0), so the outputs are bit for bit the same. onnxruntime does not fold a DequantizeLinear of an
    initializer, so the table form dequantized the whole 16,384 x 128 table (8 MB of floats) on every run: 10-13%
    of either CPU graph's time in runs of 256 tokens (measured with onnxruntime's profiler, one thread)."""
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    outputs = {o.name for o in graph.output}
    users = {}
    for n in graph.node:
        for i in n.input:
            users.setdefault(i, []).append(n)
    rewrite, dropped = {}, set()
    for d in graph.node:
        if d.op_type != "DequantizeLinear" or d.output[0] in outputs or not all(i in inits for i in d.input):
            continue
        axis = next((helper.get_attribute_value(a) for a in d.attribute if a.name == "axis"), 1)
        gathers = users.get(d.output[0], [])
        if axis != 0 or not gathers or any(
                g.op_type != "Gather" or list(g.input).index(d.output[0]) != 0
                or any(a.name == "axis" and helper.get_attribute_value(a) != 0 for a in g.attribute) for g in gathers):
            continue
        if len(d.input) > 2 and numpy_helper.to_array(inits[d.input[2]]).any():
            raise ValueError(f"{d.name}: nonzero zero points")
        table, scale = d.input[0], d.input[1]
        last = numpy_helper.from_array(np.array([-1], np.int64), d.output[0] + "_last_axis")
        graph.initializer.append(last)
        for g in gathers:
            b, y = g.output[0] + "_rows", g.output[0]
            rewrite[id(g)] = [
                helper.make_node("Gather", [table, g.input[1]], [b + "_int8"], name=b + "_int8"),
                helper.make_node("Gather", [scale, g.input[1]], [b + "_scale"], name=b + "_scale"),
                helper.make_node("Cast", [b + "_int8"], [b + "_float"], name=b + "_float", to=onnx.TensorProto.FLOAT),
                helper.make_node("Unsqueeze", [b + "_scale", last.name], [b + "_scale_col"], name=b + "_scale_col"),
                helper.make_node("Mul", [b + "_float", b + "_scale_col"], [y], name=b + "_dequantize"),
            ]
        dropped.add(id(d))
        if len(d.input) > 2:
            zero = d.input[2]
            kept = [i for i in graph.initializer if i.name != zero]
            del graph.initializer[:]
            graph.initializer.extend(kept)
    nodes = []
    for n in graph.node:
        if id(n) in dropped:
            continue
        nodes += rewrite.get(id(n), [n])
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.checker.check_model(model)
    return model


# The cloze graph's boolean input that turns its top-K proposals on or off (meta.json's cloze.switch).
PROPOSALS = "proposals"


def proposal_switch(model: onnx.ModelProto) -> onnx.ModelProto:
    """The cloze graph's TopK run only when the boolean input PROPOSALS is true: an If whose then-branch is the
    TopK as it was (reading the log-softmax and K from the graph around it) and whose else-branch gives empty
    [0, 0, K] tensors (K as the graph's outputs declare it, so their shape still tells the engine K). REPLACE rows
    read token_logq alone, and the vocabulary-wide TopK was 15% of a REPLACE batch's cloze time on the CPU (an
    onnxruntime profile of 9 rows of 37); switched off, the shipped graph ran batches of 9 x 37 to 64 x 28 15-21%
    faster (several runs on a shared 2-core machine) with token_logq bit for bit the same. A graph without a TopK (the Electric graph) or with the switch
    already is returned as it is. The GPU graphs keep their TopK unconditional: onnxruntime runs an If on the CPU
    for a provider without an If kernel of its own (WebGPU), and no GPU could be tried with it when this was written;
    DirectML runs the int8 graph, switch and all."""
    graph = model.graph
    topk = [n for n in graph.node if n.op_type == "TopK"]
    if not topk or any(i.name == PROPOSALS for i in graph.input):
        return model
    if len(topk) != 1:
        raise ValueError(f"expected one TopK in the cloze graph, found {len(topk)}")
    node = topk[0]
    outputs = {o.name: o.type.tensor_type for o in graph.output}
    missing = [o for o in node.output if o not in outputs]
    if missing:
        raise ValueError(f"the TopK's outputs {missing} are not graph outputs")
    inner = helper.make_node("TopK", list(node.input), [o + "_on" for o in node.output], name=node.name + "_on")
    inner.attribute.extend(node.attribute)
    rank3 = lambda name, out: helper.make_tensor_value_info(name, outputs[out].elem_type, [None, None, None])
    np_type = {onnx.TensorProto.FLOAT: np.float32, onnx.TensorProto.INT64: np.int64}

    def empty(out):
        k = outputs[out].shape.dim[2].dim_value if len(outputs[out].shape.dim) == 3 else 0
        value = numpy_helper.from_array(np.zeros((0, 0, k), np_type[outputs[out].elem_type]), out + "_off")
        return helper.make_node("Constant", [], [out + "_off"], name=node.name + "_" + out + "_off", value=value)

    then_branch = helper.make_graph([inner], "proposals_on", [], [rank3(o + "_on", o) for o in node.output])
    else_branch = helper.make_graph([empty(o) for o in node.output], "proposals_off", [], [rank3(o + "_off", o) for o in node.output])
    switch = helper.make_node("If", [PROPOSALS], list(node.output), name=node.name + "_switch",
                              then_branch=then_branch, else_branch=else_branch)
    nodes = [switch if n is node else n for n in graph.node]
    del graph.node[:]
    graph.node.extend(nodes)
    graph.input.append(helper.make_tensor_value_info(PROPOSALS, onnx.TensorProto.BOOL, []))
    onnx.checker.check_model(model)
    return model


# The cloze graph's int64 input [batch, scored] that names the positions whose log q it computes (meta.json's
# cloze.positions).
POSITIONS = "positions"


def row_positions(model: onnx.ModelProto) -> onnx.ModelProto:
    """The cloze graph's head (its MatMuls, the vocabulary-wide log-softmax, the top-K) run only at the positions
    the int64 input POSITIONS [batch, scored] names: the towers' states and the ids are gathered there (GatherND,
    batch_dims 1) before the head, so token_logq is [batch, scored] and the top-K [batch, scored, K], each
    position's value bit for bit what the graph gave there before. A REPLACE row is read near its replacement only
    (ranking.ts, REPLACE_SCORED), and the head over the whole vocabulary was 77% of a REPLACE batch's cloze time
    on the CPU; a window's pass names every position. A graph with the input already, or with no log-softmax, is
    returned as it is. The GPU graphs keep the head at every position (their inputs are the two of the export)."""
    graph = model.graph
    softmax = [n for n in graph.node if n.op_type == "LogSoftmax"]
    if not softmax or any(i.name == POSITIONS for i in graph.input):
        return model
    gathers = [n for n in graph.node if n.op_type == "GatherElements"]
    if len(softmax) > 1 or len(gathers) != 1:
        raise ValueError(f"expected one LogSoftmax and one GatherElements in the cloze graph, found {len(softmax)} and {len(gathers)}")
    # The head's input: the one tensor it reads that a node outside it computes (the towers' concatenation).
    head = [n for n in graph.node if n.name.startswith("/cloze_head/")]
    if not head:
        raise ValueError("the cloze graph has no /cloze_head/ nodes")
    by_output = {o: n for n in graph.node for o in n.output}
    inits = {i.name for i in graph.initializer}

    def constant(x, seen=()):   # an initializer, or computed from initializers alone (a Constant, an Identity of one)
        n = by_output.get(x)
        return x in inits or (n is not None and x not in seen and all(constant(i, seen + (x,)) for i in n.input if i))
    states = {x for n in head for x in n.input if x in by_output and by_output[x] not in head and not constant(x)}
    if len(states) != 1:
        raise ValueError(f"expected the cloze head to read one tensor from the towers, found {sorted(states)}")
    state = states.pop()
    ids_in = by_output.get(gathers[0].input[1])
    if ids_in is None or ids_in.op_type != "Unsqueeze" or ids_in.input[0] != "input_ids":
        raise ValueError("expected the cloze graph's GatherElements to read Unsqueeze(input_ids)")
    axis = numpy_helper.from_array(np.array([-1], np.int64), POSITIONS + "_axis")
    new = [helper.make_node("Constant", [], [axis.name], name=POSITIONS + "/axis", value=axis),
           helper.make_node("Unsqueeze", [POSITIONS, axis.name], [POSITIONS + "_at"], name=POSITIONS + "/Unsqueeze"),
           helper.make_node("GatherND", [state, POSITIONS + "_at"], [state + "_at"], name=POSITIONS + "/states", batch_dims=1),
           helper.make_node("GatherND", ["input_ids", POSITIONS + "_at"], ["input_ids_at"], name=POSITIONS + "/ids", batch_dims=1)]
    for n in head:
        for k, x in enumerate(n.input):
            if x == state:
                n.input[k] = state + "_at"
    ids_in.input[0] = "input_ids_at"
    at = next(k for k, n in enumerate(graph.node) if n in head)
    nodes = list(graph.node[:at]) + new + list(graph.node[at:])
    del graph.node[:]
    graph.node.extend(nodes)
    graph.input.append(helper.make_tensor_value_info(POSITIONS, onnx.TensorProto.INT64, ["batch", "scored"]))
    for o in graph.output:
        dims = o.type.tensor_type.shape.dim
        if len(dims) >= 2:
            dims[1].dim_param = "scored"
    onnx.checker.check_model(model)
    return model


def cpu_graph(model: onnx.ModelProto, ranges: dict) -> onnx.ModelProto:
    """The CPU graph of an fp32 export: int8 matmuls at the calibrated activation `ranges` ({MatMul input: [min,
    max]}; static_matmul), embedding rows dequantized after their Gather, and a cloze graph's top-K behind its
    switch (proposal_switch), its head at the positions an input names (row_positions)."""
    return row_positions(proposal_switch(gather_then_dequantize(quantize_model(model, ranges=ranges))))


def decompose_log_softmax(model: onnx.ModelProto) -> onnx.ModelProto:
    """Each LogSoftmax(x) written as x - m - log(sum(exp(x - m))), m = max(x) over the same axis: the same
    arithmetic in ops a GPU provider runs. onnxruntime's WebGPU provider has no LogSoftmax kernel: on an H200
    it ran the cloze head's vocabulary-wide LogSoftmax on the CPU, copying every position's 16,384 logits
    from the GPU and back (bench/results/gpu.md: the cloze graph 2.2-2.8 s of a 10k-word check's 2.6-3.1)."""
    graph = model.graph
    nodes = []
    for node in graph.node:
        if node.op_type != "LogSoftmax":
            nodes.append(node)
            continue
        axis = next((helper.get_attribute_value(a) for a in node.attribute if a.name == "axis"), -1)
        x, y, base = node.input[0], node.output[0], (node.name or node.output[0]) + "_decomposed"
        axes = base + "_axes"
        graph.initializer.append(numpy_helper.from_array(np.array([axis], np.int64), axes))
        nodes += [
            helper.make_node("ReduceMax", [x], [base + "_max"], name=base + "_max", axes=[axis], keepdims=1),
            helper.make_node("Sub", [x, base + "_max"], [base + "_shifted"], name=base + "_shift"),
            helper.make_node("Exp", [base + "_shifted"], [base + "_exp"], name=base + "_exp"),
            helper.make_node("ReduceSum", [base + "_exp", axes], [base + "_sum"], name=base + "_sum", keepdims=1),
            helper.make_node("Log", [base + "_sum"], [base + "_log"], name=base + "_log"),
            helper.make_node("Sub", [base + "_shifted", base + "_log"], [y], name=base),
        ]
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.checker.check_model(model)
    return model


def gpu_graph(model: onnx.ModelProto) -> onnx.ModelProto:
    """The GPU graph of an fp32 export: int8 weights behind DequantizeLinear, LogSoftmax decomposed."""
    return decompose_log_softmax(quantize_model(model, dynamic=False))


def main():
    argv = sys.argv[1:]
    ranges = None
    if "--ranges" in argv:
        i = argv.index("--ranges")
        ranges = json.loads(Path(argv[i + 1]).read_text())
        del argv[i:i + 2]
    args = [a for a in argv if a not in ("--weights-only", "--proposal-switch", "--row-positions")]
    if len(args) != 2:
        sys.exit(__doc__)
    model = onnx.load(args[0])
    if "--proposal-switch" in argv or "--row-positions" in argv:
        model = proposal_switch(model) if "--proposal-switch" in argv else model
        model = row_positions(model) if "--row-positions" in argv else model
    elif "--weights-only" in argv:
        model = gpu_graph(model)
    elif ranges is None:
        sys.exit("the CPU graph needs --ranges (export.py measures them: activation_ranges)\n" + __doc__)
    else:
        model = cpu_graph(model, ranges)
    onnx.save(model, args[1])


if __name__ == "__main__":
    main()
