'use client';

import { EuiButton, EuiCallOut, EuiFilePicker, EuiFlexGroup, EuiFlexItem, EuiForm, EuiFormRow, EuiRadioGroup, EuiSelect, EuiSpacer, type EuiFilePickerRef } from '@elastic/eui';
import { useEffect, useRef, useState } from 'react';
import { startVerification } from '@/lib/client';
import { MAX_KEY_FILE_CHARS, type VerificationChainDto, type VerificationMode, type VerificationRunDto } from '@/lib/shared';

const MODES = [
  { id: 'verificationMode-full', label: 'Full: every log the chain still keeps, from its first iteration' },
  { id: 'verificationMode-incremental', label: 'Incremental: only logs signed since the last verified iteration (after checking that log is unchanged)' },
];

/**
 * Starts a run (auditors): chain, mode and the chain's iteration-0 key file. The file is read
 * when Start is pressed, sent once in that request, and the picker is cleared afterwards; the
 * page keeps no copy.
 */
export function VerificationStartForm({ chains, initialChain, onStarted }: { chains: readonly VerificationChainDto[]; initialChain: string | null; onStarted: (run: VerificationRunDto) => void }) {
  const [chain, setChain] = useState(initialChain ?? '');
  const [mode, setMode] = useState<VerificationMode>('full');
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const picker = useRef<EuiFilePickerRef>(null);

  useEffect(() => {
    if (chain === '' && chains.length > 0) setChain(initialChain !== null && chains.some((c) => c.name === initialChain) ? initialChain : (chains[0] as VerificationChainDto).name);
  }, [chain, chains, initialChain]);

  const start = async () => {
    if (file === null) return;
    setProblem(null);
    if (file.size > MAX_KEY_FILE_CHARS) {
      setProblem(`${file.name} is not a key file: it has ${file.size.toLocaleString('en-US')} bytes, and a key file is under ${MAX_KEY_FILE_CHARS / 1024} KB (the key backup made when the chain was created).`);
      return;
    }
    setStarting(true);
    try {
      const run = await startVerification({ chain, mode, keyFile: await file.text(), fileName: file.name });
      picker.current?.removeFiles();
      setFile(null);
      onStarted(run);
    } catch (err) {
      setProblem((err as Error).message);
    } finally {
      setStarting(false);
    }
  };

  const options = chains.map((c) => ({ value: c.name, text: `${c.name}${c.retentionDays === null ? '' : ` (retention ${c.retentionDays} days)`}` }));
  if (chain !== '' && !chains.some((c) => c.name === chain)) options.unshift({ value: chain, text: chain });
  return (
    <EuiForm component="form" onSubmit={(e) => { e.preventDefault(); void start(); }} data-test-subj="verificationStartForm">
      {problem !== null && (
        <>
          <EuiCallOut title="The verification was not started" color="danger" iconType="error" announceOnMount data-test-subj="verificationStartError">
            <p>{problem}</p>
          </EuiCallOut>
          <EuiSpacer size="m" />
        </>
      )}
      <EuiFlexGroup gutterSize="l" wrap>
        <EuiFlexItem style={{ minWidth: 280 }}>
          <EuiFormRow label="Blockchain" helpText={chains.length === 0 ? 'This Signet has not signed any chain yet.' : 'The chains this Signet signs.'} fullWidth>
            <EuiSelect options={options} value={chain} onChange={(e) => setChain(e.target.value)} hasNoInitialSelection={options.length === 0} fullWidth data-test-subj="verificationChain" />
          </EuiFormRow>
        </EuiFlexItem>
        <EuiFlexItem style={{ minWidth: 280 }}>
          <EuiFormRow label="Iteration-0 key file" helpText="The key backup made when the chain was created. Sent once for this run, held in memory while it runs, never stored or logged." fullWidth>
            <EuiFilePicker
              ref={picker}
              initialPromptText="Select or drag the chain's key backup"
              accept=".json,.key,.txt,application/json,text/plain"
              onChange={(files) => {
                setProblem(null);
                setFile(files?.[0] ?? null);
              }}
              display="default"
              fullWidth
              data-test-subj="verificationKeyFile"
            />
          </EuiFormRow>
        </EuiFlexItem>
      </EuiFlexGroup>
      <EuiFormRow label="Mode" fullWidth>
        <EuiRadioGroup options={MODES} idSelected={`verificationMode-${mode}`} onChange={(id) => setMode(id.slice('verificationMode-'.length) as VerificationMode)} name="verificationMode" data-test-subj="verificationMode" />
      </EuiFormRow>
      <EuiSpacer size="m" />
      <EuiButton type="submit" fill iconType="play" isLoading={starting} isDisabled={chain === '' || file === null || starting} data-test-subj="verificationStartButton">
        Start verification
      </EuiButton>
    </EuiForm>
  );
}
