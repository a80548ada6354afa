"""A GRPO loop that teaches a causal LM to write Ascend C kernels, scored by ascendgen.

Each step picks a task, builds its prompt (PromptBuilder), samples a group of completions from the
policy, scores them with
``ascendgen.evaluate_batch`` (parse / compile / correct / speedup shaping) and takes one GRPO step:
advantages are the rewards normalised within the group, and the loss is the clipped policy-gradient
objective over the completion tokens (no KL term; add one for long runs).

    python grpo_loop.py --model Qwen/Qwen2.5-Coder-0.5B-Instruct --steps 50   # needs transformers
    python grpo_loop.py --tiny --steps 3                                      # a random byte-level GRU

``--tiny`` (what the test runs) writes garbage, so every sample is a parse_error and earns the same
reward; ``--demonstrations`` adds the task's reference solution to each group as one more
completion, so the group has a signal and the update is real.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import random
import sys
from typing import Any

import torch

import ascendgen

ROOT = pathlib.Path(__file__).resolve().parents[2]


class TinyPolicy(torch.nn.Module):
    """A randomly initialised byte-level GRU: enough to exercise the loop on a CPU."""

    EOS = 256

    def __init__(self, hidden: int = 64) -> None:
        super().__init__()
        self.embed = torch.nn.Embedding(257, hidden)
        self.rnn = torch.nn.GRU(hidden, hidden, batch_first=True)
        self.head = torch.nn.Linear(hidden, 257)

    def encode(self, text: str) -> list[int]:
        return list(text.encode())

    def encode_prompt(self, prompt: ascendgen.Prompt) -> list[int]:
        return self.encode(f"{prompt.system}\n\n{prompt.user}\n")

    def decode(self, ids: list[int]) -> str:
        return bytes(i for i in ids if i < 256).decode(errors="replace")

    def logits(self, ids: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(self.embed(ids))[0])

    @torch.no_grad()
    def sample(self, prompt: list[int], n: int, max_new_tokens: int) -> list[list[int]]:
        prompt_out, prompt_state = self.rnn(self.embed(torch.tensor([prompt])))
        samples = []
        for _ in range(n):  # the prompt is read once; each sample continues from its state
            logits, state, ids = self.head(prompt_out[:, -1]), prompt_state, []
            for _ in range(max_new_tokens):
                token = int(torch.multinomial(torch.softmax(logits[0], -1), 1))
                if token == self.EOS:
                    break
                ids.append(token)
                out, state = self.rnn(self.embed(torch.tensor([[token]])), state)
                logits = self.head(out[:, -1])
            samples.append(ids)
        return samples


class HuggingFacePolicy(torch.nn.Module):
    """A causal LM from a Hugging Face path or id (needs transformers)."""

    def __init__(self, path: str) -> None:
        super().__init__()
        from transformers import AutoModelForCausalLM, AutoTokenizer

        self.tokenizer = AutoTokenizer.from_pretrained(path)
        self.model = AutoModelForCausalLM.from_pretrained(path)
        self.EOS = self.tokenizer.eos_token_id

    def encode(self, text: str) -> list[int]:
        return self.tokenizer(text, add_special_tokens=False)["input_ids"]

    def encode_prompt(self, prompt: ascendgen.Prompt) -> list[int]:
        if self.tokenizer.chat_template:
            messages = [{"role": "system", "content": prompt.system}, {"role": "user", "content": prompt.user}]
            return self.tokenizer.apply_chat_template(messages, add_generation_prompt=True)
        return self.tokenizer(f"{prompt.system}\n\n{prompt.user}\n")["input_ids"]

    def decode(self, ids: list[int]) -> str:
        return self.tokenizer.decode(ids, skip_special_tokens=True)

    def logits(self, ids: torch.Tensor) -> torch.Tensor:
        return self.model(ids).logits

    @torch.no_grad()
    def sample(self, prompt: list[int], n: int, max_new_tokens: int) -> list[list[int]]:
        output = self.model.generate(
            torch.tensor([prompt]), do_sample=True, num_return_sequences=n, max_new_tokens=max_new_tokens,
            pad_token_id=self.EOS,
        )
        return [[t for t in row[len(prompt) :].tolist() if t != self.EOS] for row in output]


def completion_logprob(policy: Any, prompt: list[int], completion: list[int]) -> torch.Tensor:
    """Mean log-probability per token of ``completion`` after ``prompt``."""
    ids = torch.tensor([prompt + completion + [policy.EOS]])
    logprobs = torch.log_softmax(policy.logits(ids[:, :-1]), -1)
    targets = ids[:, len(prompt) :]
    return logprobs[0, len(prompt) - 1 :].gather(-1, targets[0, :, None]).mean()


def grpo_step(policy: Any, optimiser: torch.optim.Optimizer, prompt: list[int], completions: list[list[int]],
              rewards: list[float], clip: float = 0.2) -> float:
    """One GRPO update; returns the loss. Old log-probabilities are those before the update, so the
    clipped ratio matters only when this is called again on the same group."""
    rewards_t = torch.tensor(rewards)
    advantages = (rewards_t - rewards_t.mean()) / (rewards_t.std(unbiased=False) + 1e-4)
    with torch.no_grad():
        old = torch.stack([completion_logprob(policy, prompt, c) for c in completions])
    new = torch.stack([completion_logprob(policy, prompt, c) for c in completions])
    ratio = torch.exp(new - old)
    loss = -torch.min(ratio * advantages, torch.clamp(ratio, 1 - clip, 1 + clip) * advantages).mean()
    optimiser.zero_grad()
    loss.backward()
    optimiser.step()
    return float(loss)


def main(argv: list[str] | None = None) -> tuple[Any, list[dict[str, Any]]]:
    """Runs the loop; returns the trained policy and one entry per step."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", help="Hugging Face model path or id (needs transformers)")
    parser.add_argument("--tiny", action="store_true", help="a random byte-level GRU instead of --model")
    parser.add_argument("--suite", default=str(ROOT / "suites" / "level1"))
    parser.add_argument("--tasks", nargs="*", default=[], help="task names (default: every task)")
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--group", type=int, default=4, help="completions sampled per step")
    parser.add_argument("--max-new-tokens", type=int, default=1024)
    parser.add_argument("--lr", type=float, default=1e-5)
    parser.add_argument("--workers", type=int, default=2, help="evaluation workers")
    parser.add_argument("--demonstrations", action="store_true", help="add the reference solution to each group")
    parser.add_argument("--log", help="JSONL file: one line per step")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if bool(args.model) == args.tiny:
        parser.error("give --model PATH or --tiny")

    random.seed(args.seed)
    torch.manual_seed(args.seed)
    policy = TinyPolicy() if args.tiny else HuggingFacePolicy(args.model)
    optimiser = torch.optim.AdamW(policy.parameters(), lr=args.lr)
    suite = ascendgen.Suite.load(args.suite)
    prompts = ascendgen.PromptBuilder()
    prompts.add_examples(suite)
    tasks = [suite[name] for name in args.tasks] if args.tasks else list(suite)
    log = ascendgen.JsonlWriter(args.log, append=False) if args.log else None
    history = []
    for step in range(args.steps):
        task = random.choice(tasks)
        prompt = policy.encode_prompt(prompts.build(task))
        completions = policy.sample(prompt, args.group, args.max_new_tokens)
        texts = [policy.decode(c) for c in completions]
        if args.demonstrations:
            texts.append(f"```cpp\n{task.solution_source()}```")
            completions.append(policy.encode(texts[-1]))
        sources = [ascendgen.extract_source(t, task.kernel.entry) for t in texts]
        scored = ascendgen.evaluate_batch(task, sources, workers=args.workers)
        rewards = [s.reward for s in scored]
        loss = grpo_step(policy, optimiser, prompt, completions, rewards)
        entry = {"step": step, "task": task.name, "rewards": rewards, "loss": loss,
                 "statuses": [s.result.status for s in scored]}
        history.append(entry)
        if log:
            log.write(entry)
        print(f"step {step} {task.name}: mean reward {sum(rewards) / len(rewards):.3f} loss {loss:.4f}", flush=True)
    return policy, history


if __name__ == "__main__":
    main(sys.argv[1:])
