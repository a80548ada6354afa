"""ascendgen: Ascend C kernel generation and evaluation on a CPU emulator of the Ascend 910B."""

from ascendgen._core import SocDescription, __version__, builtin_socs, load_soc

__all__ = ["SocDescription", "__version__", "builtin_socs", "load_soc"]
