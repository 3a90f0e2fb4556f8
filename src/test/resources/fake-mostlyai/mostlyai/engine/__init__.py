"""Fake mostlyai-engine 2.5 (tests only): TabularARGN with the real constructor, fit and sample signatures. It learns
nothing: sample() resamples the training rows with the random state, so the output is deterministic."""
import fake_control

__version__ = "2.5.0-fake"


class TabularARGN:
    def __init__(self, model=None, max_training_time=14400.0, max_epochs=100.0, batch_size=None,
                 gradient_accumulation_steps=None, enable_flexible_generation=True, max_sequence_window=None,
                 value_protection=True, differential_privacy=None, tgt_context_key=None, tgt_primary_key=None,
                 tgt_encoding_types=None, ctx_data=None, ctx_primary_key=None, ctx_encoding_types=None, device=None,
                 workspace_dir=None, random_state=None, verbose=0):
        fake_control.record("TabularARGN", model=model, max_training_time=max_training_time, max_epochs=max_epochs,
                            enable_flexible_generation=enable_flexible_generation, value_protection=value_protection,
                            tgt_encoding_types=tgt_encoding_types, workspace_dir=workspace_dir,
                            random_state=random_state)
        self.random_state = random_state
        self._data = None

    def fit(self, X, y=None):
        fake_control.record("fit", columns=list(X.columns), rows=len(X))
        fake_control.misbehave_in_training()
        if fake_control.mode() == "fail-job":
            raise RuntimeError(fake_control.JOB_FAILURE)
        self._data = X
        return self

    def sample(self, n_samples=None, seed_data=None, ctx_data=None, batch_size=None, sampling_temperature=1.0,
               sampling_top_p=1.0, device=None, rare_category_replacement_method="CONSTANT", rebalancing=None,
               imputation=None, fairness=None):
        fake_control.record("sample", n_samples=n_samples, sampling_temperature=sampling_temperature,
                            sampling_top_p=sampling_top_p)
        return self._data.sample(n=n_samples, replace=True, random_state=self.random_state)
