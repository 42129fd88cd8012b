"""InvestBridge: a trilingual platform for investment promotion offices."""

__version__ = "0.1.0"
