#!/usr/bin/python3
"""
PyTorch-made fixtures for Gatescope's safetensors import (test/fixtures/torch/).

Each model is a torch.nn recurrent layer (nn.LSTM, nn.GRU, nn.RNN), usually with an nn.Linear
readout, with seeded random weights. Its state_dict is written as a .safetensors file and the
outputs torch.nn computes for one input sequence (h, c for the LSTM, and y at every step) as a
.json file beside it. The expected values are computed in float64 from the very weights stored
(float32, or float16/bfloat16 for the dtype fixtures), so they are torch's numbers, not ours.

The `safetensors` package is not in Debian, so the file is written here by hand, following the
format (https://github.com/huggingface/safetensors): an 8-byte little-endian header length, the
JSON header (dtype, shape, data_offsets per tensor, and __metadata__), padded with spaces to a
multiple of 8, then the tensors' bytes in the header's order.

Run with Debian's python3-torch (apt-get install python3-torch):
    /usr/bin/python3 tools/make_torch_fixtures.py
"""
import copy
import json
import struct
import subprocess
from pathlib import Path

import torch
import torch.nn as nn

OUT = Path(__file__).resolve().parent.parent / "test" / "fixtures" / "torch"
I, H, O, T = 2, 3, 2, 7

DTYPE_NAMES = {torch.float32: "F32", torch.float64: "F64", torch.float16: "F16", torch.bfloat16: "BF16"}


def save_safetensors(path, state, metadata=None):
    header = {}
    if metadata:
        header["__metadata__"] = metadata
    blobs = []
    offset = 0
    for name, tensor in state.items():
        t = tensor.detach().contiguous().cpu()
        if t.dtype == torch.bfloat16:
            raw = t.view(torch.int16).numpy().tobytes()
        else:
            raw = t.numpy().tobytes()
        header[name] = {"dtype": DTYPE_NAMES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for raw in blobs:
            f.write(raw)


class Net(nn.Module):
    """The module Gatescope's export loads into: rnn (+ readout)."""

    def __init__(self, rnn, readout=True):
        super().__init__()
        self.rnn = rnn
        self.readout = nn.Linear(H, O) if readout else None

    def forward(self, x):
        hs, _ = self.rnn(x)
        return hs, (self.readout(hs) if self.readout is not None else hs)


def lstm_cells(rnn, x):
    """h and c at every step, stepping the layer one step at a time (nn.LSTM returns only the last c)."""
    h = torch.zeros(1, 1, H, dtype=x.dtype)
    c = torch.zeros(1, 1, H, dtype=x.dtype)
    hs, cs = [], []
    for t in range(x.shape[1]):
        _, (h, c) = rnn(x[:, t : t + 1, :], (h, c))
        hs.append(h[0, 0].tolist())
        cs.append(c[0, 0].tolist())
    return hs, cs


def expected(net, state, kind, x):
    """torch's outputs in float64 from the weights as stored (whatever their dtype)."""
    with torch.no_grad():
        ref = copy.deepcopy(net).double()
        ref.load_state_dict({k: v.to(torch.float64) for k, v in state.items()}, strict=True)
        xd = x.to(torch.float64)
        hs, ys = ref(xd)
        cs = lstm_cells(ref.rnn, xd)[1] if kind == "lstm" else None
        out = {"input": xd[0].tolist(), "steps": []}
        for t in range(xd.shape[1]):
            step = {"h": hs[0, t].tolist(), "y": ys[0, t].tolist()}
            if cs is not None:
                step["c"] = cs[t]
            out["steps"].append(step)
    return out


def make(name, kind, rnn_args, rnn_kwargs=None, readout=True, dtype=torch.float32, prefix="", seed=0, note=""):
    rnn_kwargs = {"batch_first": True, **(rnn_kwargs or {})}
    torch.manual_seed(seed)
    rnn_class = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn": nn.RNN}[kind]
    net = Net(rnn_class(*rnn_args, **rnn_kwargs), readout=readout)
    # Weights a little larger than the default init, so the gates move away from 0.5.
    with torch.no_grad():
        for p in net.parameters():
            p.mul_(2.5)
    state = {k: v.to(dtype) for k, v in net.state_dict().items()}
    x = torch.linspace(-1.5, 1.5, T * I, dtype=torch.float32).reshape(1, T, I).sin() * 1.3
    stored = {prefix + k: v for k, v in state.items()}
    save_safetensors(OUT / f"{name}.safetensors", stored, {"format": "pt", "made_by": "tools/make_torch_fixtures.py"})
    out = {"note": note, "kind": kind, "torch": torch.__version__, "keys": list(stored)}
    out.update(expected(net, state, kind, x))
    (OUT / f"{name}.json").write_text(json.dumps(out, indent=1) + "\n")


def make_refused(name, kind, rnn_args, rnn_kwargs, why):
    torch.manual_seed(1)
    rnn_class = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn": nn.RNN}[kind]
    rnn = rnn_class(*rnn_args, batch_first=True, **rnn_kwargs)
    state = {"rnn." + k: v for k, v in rnn.state_dict().items()}
    state.update({"readout." + k: v for k, v in nn.Linear(H, O).state_dict().items()})
    save_safetensors(OUT / f"{name}.safetensors", state, {"format": "pt"})
    (OUT / f"{name}.json").write_text(json.dumps({"refused": why, "keys": list(state)}, indent=1) + "\n")


def load_safetensors(path):
    """The tensors of a safetensors file (F32 only: what Gatescope writes)."""
    raw = Path(path).read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + n])
    header.pop("__metadata__", None)
    data = raw[8 + n :]
    out = {}
    for name, t in header.items():
        assert t["dtype"] == "F32", t
        begin, end = t["data_offsets"]
        out[name] = torch.frombuffer(bytearray(data[begin:end]), dtype=torch.float32).reshape(t["shape"])
    return out


def check_export(name, kind, x):
    """Load Gatescope's export into Net with strict=True, and record torch's outputs for it."""
    rnn_class = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn": nn.RNN}[kind]
    net = Net(rnn_class(I, H, batch_first=True))
    state = load_safetensors(OUT / f"{name}.safetensors")
    net.load_state_dict(state, strict=True)
    out = {"note": "Gatescope's export (tools/gatescopeExports.ts), loaded into Net with strict=True", "kind": kind, "torch": torch.__version__, "keys": list(state)}
    out.update(expected(net, state, kind, x))
    (OUT / f"{name}.json").write_text(json.dumps(out, indent=1) + "\n")


def make_for_page(name, kind, inputs, hidden, outputs, seed):
    """A model sized for one of the page's tasks (the adding problem: 2 inputs, 1 output), for the e2e test."""
    torch.manual_seed(seed)
    rnn = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn": nn.RNN}[kind](inputs, hidden, batch_first=True)
    state = {"rnn." + k: v for k, v in rnn.state_dict().items()}
    state.update({"readout." + k: v for k, v in nn.Linear(hidden, outputs).state_dict().items()})
    save_safetensors(OUT / f"{name}.safetensors", state, {"format": "pt"})


def keras_gru_from_torch(name):
    """
    The torch GRU fixture `name` written as a Keras GRU with reset_after=True, as
    tensorflowjs_converter writes a Keras model (model.json with keras model_config, one shard):
    PyTorch's blocks r z n become Keras's z r h, the matrices are transposed (Keras's kernels are
    in × out), and the two biases become the 2 × 3H bias (input row, recurrent row). torch's
    outputs for the original are the expected ones: Keras's reset-after GRU is torch's GRU.
    """
    t = load_safetensors(OUT / f"{name}.safetensors")
    r, z, g = (slice(0, H), slice(H, 2 * H), slice(2 * H, 3 * H))
    reorder = lambda m: torch.cat([m[z], m[r], m[g]], 0)
    kernel = reorder(t["rnn.weight_ih_l0"]).T.contiguous()
    recurrent = reorder(t["rnn.weight_hh_l0"]).T.contiguous()
    bias = torch.stack([reorder(t["rnn.bias_ih_l0"]), reorder(t["rnn.bias_hh_l0"])]).contiguous()
    dense_kernel = t["readout.weight"].T.contiguous()
    dense_bias = t["readout.bias"].contiguous()
    folder = OUT / "keras-gru-reset-after"
    folder.mkdir(exist_ok=True)
    weights = [("gru/gru_cell/kernel", kernel), ("gru/gru_cell/recurrent_kernel", recurrent), ("gru/gru_cell/bias", bias), ("dense/kernel", dense_kernel), ("dense/bias", dense_bias)]
    (folder / "group1-shard1of1.bin").write_bytes(b"".join(w.numpy().astype("<f4").tobytes() for _, w in weights))
    model = {
        "format": "layers-model",
        "generatedBy": "keras v2.15.0 (written by tools/make_torch_fixtures.py in the converter's layout)",
        "convertedBy": "TensorFlow.js Converter v4.22.0",
        "modelTopology": {
            "keras_version": "2.15.0",
            "backend": "tensorflow",
            "model_config": {
                "class_name": "Sequential",
                "config": {
                    "name": "sequential",
                    "layers": [
                        {"class_name": "InputLayer", "config": {"batch_input_shape": [None, None, I], "dtype": "float32", "name": "input_1"}},
                        {"class_name": "GRU", "config": {"name": "gru", "units": H, "activation": "tanh", "recurrent_activation": "sigmoid", "use_bias": True, "return_sequences": True, "reset_after": True, "go_backwards": False}},
                        {"class_name": "Dense", "config": {"name": "dense", "units": O, "activation": "linear", "use_bias": True}},
                    ],
                },
            },
        },
        "weightsManifest": [{"paths": ["group1-shard1of1.bin"], "weights": [{"name": k, "shape": list(w.shape), "dtype": "float32"} for k, w in weights]}],
    }
    (folder / "model.json").write_text(json.dumps(model, indent=1) + "\n")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    root = Path(__file__).resolve().parent.parent
    subprocess.run(["npx", "tsx", "tools/gatescopeExports.ts"], cwd=root, check=True)
    x = torch.linspace(-1.5, 1.5, T * I, dtype=torch.float32).reshape(1, T, I).sin() * 1.3
    for kind in ("lstm", "gru", "rnn"):
        check_export(f"export-{kind}", kind, x)
    keras_gru_from_torch("gru")
    make_for_page("lstm-adding", "lstm", 2, 5, 1, seed=9)
    make_for_page("gru-adding", "gru", 2, 6, 1, seed=10)
    make("lstm", "lstm", (I, H), note="nn.LSTM + nn.Linear")
    make("gru", "gru", (I, H), seed=1, note="nn.GRU + nn.Linear (PyTorch's GRU is the reset-after cell)")
    make("rnn", "rnn", (I, H), seed=2, note="nn.RNN (tanh) + nn.Linear")
    make("lstm-nobias", "lstm", (I, H), {"bias": False}, seed=3, note="nn.LSTM(bias=False) + nn.Linear")
    make("gru-noreadout", "gru", (I, H), readout=False, seed=4, note="nn.GRU alone: y = h")
    make("lstm-prefixed", "lstm", (I, H), prefix="encoder.", seed=5, note="under a module prefix: encoder.rnn.*, encoder.readout.*")
    make("lstm-f16", "lstm", (I, H), dtype=torch.float16, seed=6, note="weights stored as F16")
    make("gru-bf16", "gru", (I, H), dtype=torch.bfloat16, seed=7, note="weights stored as BF16")
    make("rnn-f64", "rnn", (I, H), dtype=torch.float64, seed=8, note="weights stored as F64")
    make_refused("lstm-2layers", "lstm", (I, H), {"num_layers": 2}, "more than one layer")
    make_refused("gru-bidirectional", "gru", (I, H), {"bidirectional": True}, "bidirectional")
    make_refused("lstm-proj", "lstm", (I, H), {"proj_size": 2}, "proj_size")


if __name__ == "__main__":
    main()
