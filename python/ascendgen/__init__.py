"""ascendgen: Ascend C kernel generation and evaluation on a CPU emulator of the Ascend 910B.

The compiled module ``ascendgen._core`` binds the C++ library (tasks, records, compiler, evaluator,
metrics, prompts and LLM backends, and the FLARE router as ``ascendgen.router``); this package
re-exports it and adds NumPy/torch tensors (:mod:`ascendgen.tensors`), the RL reward API
(:mod:`ascendgen.reward`), SFT/DPO dataset export (:mod:`ascendgen.dataset`) and evaluation spread
over a Ray cluster (:mod:`ascendgen.distributed`, needs ``ray``).
"""

from ascendgen import _pickle
from ascendgen._core import (
    Backend,
    CaseData,
    CaseResult,
    Comparison,
    CompileRequest,
    CompileResult,
    CompileStatus,
    Completion,
    Compiler,
    CompilerOptions,
    CoreCounters,
    Diagnostic,
    Distribution,
    EvalResult,
    Evaluator,
    EvaluatorOptions,
    Extraction,
    GenerationOptions,
    GenerationRequest,
    GenerationResponse,
    GenerationSummary,
    Generator,
    HostTensor,
    HttpBackendOptions,
    JsonlWriter,
    KernelSignature,
    LevelMetrics,
    Metrics,
    OpenAIBackend,
    PoolError,
    Prompt,
    PromptBuilder,
    PythonBackend,
    RecordError,
    ReferenceError,
    ReferenceRunner,
    ReplayBackend,
    Sample,
    SampleOutcome,
    SocDescription,
    Suite,
    Task,
    TaskError,
    TensorSpec,
    TestCase,
    Tolerance,
    __version__,
    attempts_path,
    builtin_socs,
    categorize_diagnostic,
    check_candidate_source,
    compare,
    compile_at_k,
    compute_metrics,
    default_prompt_dir,
    extract_candidate,
    input_seed,
    is_operator_source,
    level_weight,
    load_soc,
    make_pool_backends,
    parse_gcc_diagnostics,
    pass_at_k,
    read_jsonl,
    read_samples,
    split_operator_source,
    write_file_atomic,
)
from ascendgen.dataset import export_dpo, export_sft, load_dpo, load_sft
from ascendgen.metrics import fast_p, score
from ascendgen.reward import BatchEvaluator, RewardShaping, ScoredCandidate, evaluate_batch, extract_source, make_grpo_reward
from ascendgen.tensors import case_tensors, from_torch, to_torch
from ascendgen import dataset, distributed, reward, router, tensors

_pickle.register()

__all__ = [name for name in dir() if not name.startswith("_") or name == "__version__"]
