import { Box, Button, CloseButton, Flex, Stack, Text } from '@chakra-ui/react';
import { useRef, useState } from 'react';
import type { ChangeEvent } from 'react';
import { ACCEPT_ATTRIBUTE, formatSize, uploadProblem, useFileUpload } from '../../shared/file-upload';
import { plainMessage } from '../../shared/graphql-errors';

const MAX_FILES = 10;

export interface PendingFile {
  readonly key: string;
  readonly file: File;
  readonly state: 'picked' | 'uploading' | 'ready' | 'failed';
  readonly attachmentId?: string;
  readonly problem?: string;
}

/**
 * Files for the next message. In a conversation (`threadId` known) each is uploaded into it as
 * soon as it is picked; when composing a new one, they wait until `uploadAll` gets the new thread.
 */
export function useMessageUploads(target: { threadId: string; patientId: string } | undefined) {
  const [files, setFiles] = useState<PendingFile[]>([]);
  const uploadFile = useFileUpload();
  const update = (key: string, change: Partial<PendingFile>) =>
    setFiles((current) => current.map((entry) => (entry.key === key ? { ...entry, ...change } : entry)));

  const upload = async (entry: PendingFile, threadId: string, patientId: string): Promise<string | undefined> => {
    update(entry.key, { state: 'uploading' });
    try {
      const attachmentId = await uploadFile(entry.file, { patientId, messageThreadId: threadId });
      update(entry.key, { state: 'ready', attachmentId });
      return attachmentId;
    } catch (error) {
      update(entry.key, { state: 'failed', problem: plainMessage(error) });
      return undefined;
    }
  };

  const add = (picked: readonly File[]) => {
    const room = Math.max(MAX_FILES - files.length, 0);
    const entries = picked.slice(0, room).map((file): PendingFile => {
      const problem = uploadProblem(file);
      return {
        key: `${file.name}-${file.size}-${Math.random().toString(36).slice(2)}`,
        file,
        state: problem ? 'failed' : 'picked',
        problem,
      };
    });
    setFiles((current) => [...current, ...entries]);
    if (target) {
      entries
        .filter((entry) => entry.state === 'picked')
        .forEach((entry) => void upload(entry, target.threadId, target.patientId));
    }
  };

  return {
    files,
    add,
    /** Uploads every picked file into a conversation just started; the ids of those that made it. */
    uploadAll: async (threadId: string, patientId: string): Promise<string[]> => {
      const ids = await Promise.all(
        files.filter((entry) => entry.state === 'picked').map((entry) => upload(entry, threadId, patientId)),
      );
      return ids.filter((id): id is string => Boolean(id));
    },
    remove: (key: string) => setFiles((current) => current.filter((entry) => entry.key !== key)),
    clear: () => setFiles([]),
    readyIds: files.flatMap((entry) => (entry.state === 'ready' && entry.attachmentId ? [entry.attachmentId] : [])),
    busy: files.some((entry) => entry.state === 'uploading'),
    full: files.length >= MAX_FILES,
  };
}

const STATE_LABEL = { picked: 'To send', uploading: 'Uploading…', ready: 'Ready' } as const;

/** "Attach files" and the files picked so far, each with its state and a way to take it out. */
export function AttachmentPicker({ uploads }: { uploads: ReturnType<typeof useMessageUploads> }) {
  const input = useRef<HTMLInputElement>(null);
  const onPick = (event: ChangeEvent<HTMLInputElement>) => {
    uploads.add(Array.from(event.target.files ?? []));
    event.target.value = '';
  };
  return (
    <Stack gap="2">
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT_ATTRIBUTE}
        onChange={onPick}
        aria-label="Attach files"
        style={{ display: 'none' }}
        data-testid="attach-input"
      />
      {uploads.files.length > 0 ? (
        <Stack as="ul" gap="1" p="0" m="0" listStyleType="none" aria-label="Files to send">
          {uploads.files.map((file) => (
            <Flex
              as="li"
              key={file.key}
              gap="2"
              align="center"
              borderWidth="1px"
              borderRadius="l2"
              px="2"
              py="1"
              borderColor={file.state === 'failed' ? 'border.error' : 'border'}
            >
              <Box flex="1" minW="0">
                <Text fontSize="sm" fontWeight="medium" truncate>
                  {file.file.name}
                </Text>
                <Text fontSize="xs" color={file.state === 'failed' ? 'fg.error' : 'fg.muted'}>
                  {file.state === 'failed'
                    ? file.problem
                    : `${STATE_LABEL[file.state]} · ${formatSize(file.file.size)}`}
                </Text>
              </Box>
              <CloseButton
                size="xs"
                aria-label={`Remove ${file.file.name}`}
                onClick={() => uploads.remove(file.key)}
                disabled={file.state === 'uploading'}
              />
            </Flex>
          ))}
        </Stack>
      ) : null}
      <Button
        variant="outline"
        size="sm"
        alignSelf="start"
        onClick={() => input.current?.click()}
        disabled={uploads.full}
      >
        Attach files
      </Button>
    </Stack>
  );
}
