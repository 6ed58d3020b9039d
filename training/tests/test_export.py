import numpy as np
import onnx
import pytest
import torch

from config import get_config
from export import activation_ranges, export_onnx, parity, run_onnx
from model import Electric
from quantize import POSITIONS, PROPOSALS, activation_inputs, cpu_graph, decompose_log_softmax, dequantize, gpu_graph, proposal_switch, quantize_model, quantize_per_channel, row_positions


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    torch.manual_seed(0)
    model = Electric(get_config("tiny")).eval()
    d = tmp_path_factory.mktemp("onnx")
    paths = d / "electric.onnx", d / "cloze.onnx"
    export_onnx(model, *paths)
    # the CPU graphs' form: activations at ranges calibrated on rows other than the ones the tests check
    ranges = activation_ranges(paths, *inputs(8, 16, [16, 16, 12, 9, 16, 5, 16, 14], seed=7))
    q = d / "electric-int8.onnx", d / "cloze-int8.onnx"
    dq = d / "electric-dq.onnx", d / "cloze-dq.onnx"
    dyn = d / "electric-dyn.onnx", d / "cloze-dyn.onnx"
    for src, dst, dst_dq, dst_dyn, kind in zip(paths, q, dq, dyn, ("electric", "cloze")):
        onnx.save(quantize_model(onnx.load(str(src)), ranges=ranges[kind]), str(dst))
        onnx.save(quantize_model(onnx.load(str(src)), dynamic=False), str(dst_dq))
        onnx.save(quantize_model(onnx.load(str(src))), str(dst_dyn))
    return model, paths, q, dq, dyn, ranges


def inputs(batch, seq, lengths, seed=0):
    gen = torch.Generator().manual_seed(batch * 100 + seq + seed)
    ids = torch.randint(5, 64, (batch, seq), generator=gen)
    mask = (torch.arange(seq)[None] < torch.tensor(lengths)[:, None]).long()
    ids[:, 0], ids[mask == 0] = 2, 0
    return ids, mask


@pytest.mark.parametrize("batch,seq,lengths", [(1, 9, [9]), (3, 16, [16, 11, 4])])
def test_fp32_onnx_matches_pytorch_at_any_shape(exported, batch, seq, lengths):
    model, paths = exported[:2]
    d = parity(model, *paths, *inputs(batch, seq, lengths))
    assert d["energy"] < 1e-4 and d["token_logq"] < 1e-4 and d["topk_logq"] < 1e-4, d
    assert d["topk_ids_agree"] > 0.99, d
    assert not model.training  # the exporter must not leave dropout on


# int8 matmuls at calibrated ranges (the CPU graphs); weights-only DequantizeLinear (the GPU graphs); dynamic
@pytest.mark.parametrize("form", [2, 3, 4])
def test_int8_onnx_close_to_pytorch(exported, form):
    model = exported[0]
    d = parity(model, *exported[form], *inputs(3, 16, [16, 11, 4]))
    assert d["energy"] < 0.02 and d["token_logq"] < 0.05 and d["topk_logq"] < 0.05, d


def test_calibrated_int8_rows_do_not_depend_on_their_batch(exported):
    """At fixed activation scales a row's energies and log q are the same, bit for bit, alone and in a padded batch
    of other rows; the dynamic form scales each batch by its own extremes, so its rows move with their company."""
    _, _, q, _, dyn, _ = exported
    ids, mask = inputs(4, 16, [16, 11, 4, 9], seed=3)
    moved = 0.0
    for graph, dynamic, key in zip(q, dyn, ("energy", "token_logq")):
        together, dyn_together = run_onnx(graph, ids.numpy(), mask.numpy()), run_onnx(dynamic, ids.numpy(), mask.numpy())
        for r in range(4):
            n = int(mask[r].sum())
            alone = run_onnx(graph, ids[r:r + 1, :n].numpy(), mask[r:r + 1, :n].numpy())
            assert np.array_equal(alone[key][0], together[key][r, :n]), (key, r)
            dyn_alone = run_onnx(dynamic, ids[r:r + 1, :n].numpy(), mask[r:r + 1, :n].numpy())
            moved = max(moved, float(np.abs(dyn_alone[key][0] - dyn_together[key][r, :n]).max()))
    assert moved > 0  # the property is one the dynamic form lacks, so this test can tell them apart


def test_every_integer_matmul_needs_its_range(exported):
    _, paths, _, _, _, ranges = exported
    partial = dict(list(ranges["electric"].items())[1:])
    with pytest.raises(ValueError, match="no calibrated range"):
        quantize_model(onnx.load(str(paths[0])), ranges=partial)
    assert sorted(ranges["electric"]) == sorted(activation_inputs(onnx.load(str(paths[0]))))
    for lo, hi in ranges["electric"].values():
        assert lo < hi


def test_int8_graph_stores_int8_weights(exported):
    _, paths, q, dq = exported[:4]
    for fp32, int8, int8_dq in zip(paths, q, dq):
        g = onnx.load(str(int8)).graph
        ops = [n.op_type for n in g.node]
        assert ops.count("MatMulIntegerToFloat") >= 8 and ops.count("MatMul") <= 4  # attention matmuls stay float
        assert ops.count("QuantizeLinear") == ops.count("MatMulIntegerToFloat") and "DynamicQuantizeLinear" not in ops
        assert ops.count("DequantizeLinear") == 2  # token and position tables (Gather)
        assert [n.op_type for n in onnx.load(str(int8_dq)).graph.node].count("MatMulInteger") == 0
        floats2d = [i.name for i in g.initializer if i.data_type == onnx.TensorProto.FLOAT and len(i.dims) == 2]
        assert floats2d == [], floats2d
        before = {i.name: i for i in onnx.load(str(fp32)).graph.initializer}
        for init in g.initializer:
            if init.name.endswith("_int8"):
                assert init.data_type == onnx.TensorProto.INT8
                assert 4 * len(init.raw_data) == len(before[init.name[:-5]].raw_data)


def test_cpu_graph_gathers_embedding_rows_before_dequantizing(exported, tmp_path):
    """The CPU graph reads its embedding tables row by row (Gather, then Cast and Mul by the rows' scales):
    no DequantizeLinear of a whole table on every run, and the outputs bit for bit the table form's."""
    _, paths, q, _, _, ranges = exported
    ids, mask = inputs(3, 16, [16, 11, 4])
    for fp32, table_form, kind in zip(paths, q, ("electric", "cloze")):
        rows = tmp_path / fp32.name
        onnx.save(cpu_graph(onnx.load(str(fp32)), ranges[kind]), str(rows))
        g = onnx.load(str(rows)).graph
        assert [n.op_type for n in g.node].count("DequantizeLinear") == 0
        used = {i for n in g.node for i in n.input}
        assert [i.name for i in g.initializer if i.name not in used] == []  # the tables' zero points went with them
        a, b = run_onnx(table_form, ids.numpy(), mask.numpy()), run_onnx(rows, ids.numpy(), mask.numpy())
        assert a.keys() == b.keys()
        for k in a:
            if k != "_ms":
                assert np.array_equal(a[k], b[k]), k


def test_cpu_cloze_graph_runs_its_top_k_only_when_switched_on(exported, tmp_path):
    """The CPU cloze graph's TopK sits behind a boolean input: on, the outputs are bit for bit the graph's without
    the switch; off, token_logq is the same and the two top-K outputs are empty. The Electric graph, the GPU graphs
    and a graph switched already are left as they are."""
    _, paths, q, _, _, ranges = exported
    cloze = tmp_path / "cloze-cpu.onnx"
    onnx.save(cpu_graph(onnx.load(str(paths[1])), ranges["cloze"]), str(cloze))
    g = onnx.load(str(cloze)).graph
    assert [i.name for i in g.input] == ["input_ids", "attention_mask", PROPOSALS, POSITIONS]
    assert "TopK" not in [n.op_type for n in g.node] and "If" in [n.op_type for n in g.node]
    ids, mask = inputs(3, 16, [16, 11, 4])
    plain = run_onnx(q[1], ids.numpy(), mask.numpy())
    on = run_onnx(cloze, ids.numpy(), mask.numpy(), proposals=True)
    off = run_onnx(cloze, ids.numpy(), mask.numpy(), proposals=False)
    for k in ("topk_ids", "topk_logq", "token_logq"):
        assert np.array_equal(plain[k], on[k]), k
    assert np.array_equal(plain["token_logq"], off["token_logq"])
    assert off["topk_ids"].shape == off["topk_logq"].shape == (0, 0, plain["topk_ids"].shape[2])
    twice = proposal_switch(onnx.load(str(cloze)))
    assert [n.op_type for n in twice.graph.node] == [n.op_type for n in g.node]
    for graph in (cpu_graph(onnx.load(str(paths[0])), ranges["electric"]), gpu_graph(onnx.load(str(paths[1])))):
        assert PROPOSALS not in [i.name for i in graph.graph.input]


def test_cpu_cloze_graph_scores_only_the_positions_named(exported, tmp_path):
    """The CPU cloze graph's head runs at the positions its int64 input names, per row: each position's log q
    and top-K bit for bit the graph's at that position when it scores every one, a row's positions in any order
    and repeated. The GPU graphs and the Electric graph have no such input; a graph with it already is kept."""
    _, paths, _, _, _, ranges = exported
    cloze = tmp_path / "cloze-cpu.onnx"
    onnx.save(cpu_graph(onnx.load(str(paths[1])), ranges["cloze"]), str(cloze))
    ids, mask = inputs(3, 16, [16, 11, 4])
    every = run_onnx(cloze, ids.numpy(), mask.numpy())
    assert every["token_logq"].shape == (3, 16)
    at = np.array([[1, 2, 3, 9, 14], [4, 5, 6, 7, 4], [1, 2, 1, 1, 1]])
    some = run_onnx(cloze, ids.numpy(), mask.numpy(), positions=at)
    assert some["token_logq"].shape == (3, 5) and some["topk_ids"].shape[:2] == (3, 5)
    for k in ("token_logq", "topk_logq", "topk_ids"):
        assert np.array_equal(some[k], np.take_along_axis(every[k], at.reshape(at.shape + (1,) * (every[k].ndim - 2)), 1)), k
    off = run_onnx(cloze, ids.numpy(), mask.numpy(), proposals=False, positions=at)
    assert np.array_equal(off["token_logq"], some["token_logq"])
    twice = row_positions(onnx.load(str(cloze)))
    assert [n.op_type for n in twice.graph.node] == [n.op_type for n in onnx.load(str(cloze)).graph.node]
    for graph in (cpu_graph(onnx.load(str(paths[0])), ranges["electric"]), gpu_graph(onnx.load(str(paths[1])))):
        assert POSITIONS not in [i.name for i in graph.graph.input]


def test_gpu_graph_writes_log_softmax_in_ops_a_gpu_runs(exported, tmp_path):
    """WebGPU has no LogSoftmax kernel (it ran the cloze head's on the CPU): the GPU graph spells it out, with
    the same outputs as the weights-only graph that keeps it, at both optimisation levels."""
    _, paths, _, dq = exported[:4]
    gpu = tmp_path / "cloze-gpu.onnx"
    onnx.save(gpu_graph(onnx.load(str(paths[1]))), str(gpu))
    ops = [n.op_type for n in onnx.load(str(gpu)).graph.node]
    assert "LogSoftmax" not in ops and {"ReduceMax", "Exp", "ReduceSum", "Log"} <= set(ops)
    assert "LogSoftmax" in [n.op_type for n in onnx.load(str(dq[1])).graph.node]
    ids, mask = inputs(3, 16, [16, 11, 4])
    for level in ("all", "basic"):
        a, b = run_onnx(dq[1], ids.numpy(), mask.numpy(), level), run_onnx(gpu, ids.numpy(), mask.numpy(), level)
        real = mask.numpy() == 1
        assert np.abs(a["token_logq"] - b["token_logq"])[real].max() < 1e-4
        assert np.abs(a["topk_logq"] - b["topk_logq"])[real].max() < 1e-4
        assert (a["topk_ids"] == b["topk_ids"])[real].mean() > 0.99
    # a graph without LogSoftmax is left as it was
    electric = onnx.load(str(dq[0]))
    before = [n.op_type for n in electric.graph.node]
    assert [n.op_type for n in decompose_log_softmax(electric).graph.node] == before


def test_quantize_round_trip():
    rng = np.random.default_rng(0)
    w = rng.normal(size=(16, 8)).astype(np.float32) * rng.uniform(0.01, 3, size=8).astype(np.float32)
    for axis in (0, 1):
        q, scale = quantize_per_channel(w, axis)
        assert q.dtype == np.int8 and scale.shape == (w.shape[axis],)
        assert np.abs(q).max() == 127
        back = dequantize(q, scale, axis)
        shape = [1, 1]
        shape[axis] = -1
        assert (np.abs(back - w) <= scale.reshape(shape) / 2 + 1e-7).all()
    q, scale = quantize_per_channel(np.zeros((3, 4), np.float32), 1)
    assert (dequantize(q, scale, 1) == 0).all()


def test_export_all_writes_the_contract_files(tmp_path):
    import hashlib
    import json

    from data import write_synthetic
    from export import RANGES_FILE, export_all
    from train import train

    write_synthetic(tmp_path / "data", tmp_path / "vocab.txt", vocab_size=64, row_len=126, n_train=32, n_heldout=8)
    cfg = get_config("tiny", [f"data_dir={tmp_path / 'data'}", f"vocab={tmp_path / 'vocab.txt'}", "max_steps=2",
                              "max_len=128"])  # the golden texts need the real length
    train(cfg, tmp_path / "run")
    ckpt = tmp_path / "run" / "ckpt"
    with pytest.raises(FileNotFoundError, match="--calibrate"):  # no activation ranges kept yet, none measured
        export_all(ckpt, tmp_path / "models", heldout=tmp_path / "data" / "heldout.npy", corpus="synthetic")
    meta = export_all(ckpt, tmp_path / "models", heldout=tmp_path / "data" / "heldout.npy",
                      corpus="synthetic", calibrate=tmp_path / "data" / "train.npy")
    ranges = json.loads((ckpt / RANGES_FILE).read_text())
    assert ranges["rows"] == 32 and ranges["source"] == str(tmp_path / "data" / "train.npy")
    assert len(ranges["electric"]) >= 8 and len(ranges["cloze"]) >= 8
    assert all(lo < hi for kind in ("electric", "cloze") for lo, hi in ranges[kind].values())
    assert json.loads((tmp_path / "models" / "meta.json").read_text()) == meta
    for f, digest in meta["sha256"].items():
        assert hashlib.sha256((tmp_path / "models" / f).read_bytes()).hexdigest() == digest
    assert meta["noise"] == {"replaceRate": 0.15, "logPriorRatio": -1.7346}
    assert meta["training"]["steps"] == 2 and meta["training"]["corpus"] == "synthetic"
    assert meta["config"]["vocabSize"] == 64 and meta["maxLength"] == 128
    golden = json.loads((tmp_path / "models" / "golden.json").read_text())
    assert len(golden["sentences"]) >= 10
    for s in golden["sentences"]:
        assert len(s["energy"]) == len(s["ids"]) == len(s["offsets"]) == len(s["gpuEnergy"])
    # GPU graphs: the same weights behind DequantizeLinear -> MatMul, no integer matmuls, listed and checksummed
    assert meta["gpu"]["electric"] == "electric-gpu.onnx" and meta["gpu"]["golden"] == "gpuEnergy"
    for f in (meta["gpu"]["electric"], meta["gpu"]["cloze"]):
        assert f in meta["sha256"]
        ops = [n.op_type for n in onnx.load(str(tmp_path / "models" / f)).graph.node]
        assert "MatMulInteger" not in ops and "DynamicQuantizeLinear" not in ops and ops.count("DequantizeLinear") >= 8
    # the GPU graph's golden energies are within its export tolerance of the fp32 ones
    from export import TOL_GPU
    worst = max(abs(a - b) for s in golden["sentences"] for a, b in zip(s["energy"], s["gpuEnergy"]))
    assert worst <= TOL_GPU, worst

    # --training-from keeps another meta.json's name and training block (the shipped one was summed by hand)
    kept = dict(meta, name="kept-name", training={"tokensSeen": 1, "runs": [{"tokens": 1}]})
    (tmp_path / "old-meta.json").write_text(json.dumps(kept))
    again = export_all(ckpt, tmp_path / "models2", heldout=tmp_path / "data" / "heldout.npy",
                       training_from=tmp_path / "old-meta.json")
    assert again["name"] == "kept-name" and again["training"] == kept["training"]
    # ... and the activation ranges kept beside the weights: the same CPU graphs, byte for byte
    for f in ("electric.onnx", "cloze.onnx"):
        assert (tmp_path / "models2" / f).read_bytes() == (tmp_path / "models" / f).read_bytes(), f
    assert again["sha256"]["electric.onnx"] == meta["sha256"]["electric.onnx"]  # the export is deterministic
