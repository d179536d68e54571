'use client';

import {
  EuiDescriptionList,
  EuiHeaderSectionItemButton,
  EuiIcon,
  EuiPopover,
  EuiPopoverFooter,
  EuiPopoverTitle,
  EuiText,
} from '@elastic/eui';
import { useState } from 'react';
import type { ProductInfo } from './product-info';

/** The header's "About" help button: product name, version and signing format in a popover. */
export function AboutPopover({ product }: { product: ProductInfo }) {
  const [isOpen, setIsOpen] = useState(false);

  const button = (
    <EuiHeaderSectionItemButton
      aria-label={`About ${product.name}`}
      aria-expanded={isOpen}
      aria-haspopup="dialog"
      onClick={() => setIsOpen((open) => !open)}
      data-test-subj="aboutButton"
    >
      <EuiIcon type="question" aria-hidden={true} data-test-subj="aboutButtonIcon" />
    </EuiHeaderSectionItemButton>
  );

  return (
    <EuiPopover
      button={button}
      isOpen={isOpen}
      closePopover={() => setIsOpen(false)}
      anchorPosition="downRight"
      aria-label={`About ${product.name}`}
      panelProps={{ 'data-test-subj': 'aboutPopover' }}
    >
      <EuiPopoverTitle>About {product.name}</EuiPopoverTitle>
      <div style={{ maxWidth: 320 }}>
        <EuiDescriptionList
          type="column"
          compressed
          listItems={[
            { title: 'Version', description: <span data-test-subj="aboutVersion">{product.version}</span> },
            {
              title: 'Signing format',
              description: <span data-test-subj="aboutSigningFormat">version {product.signingFormatVersion}</span>,
            },
          ]}
        />
      </div>
      <EuiPopoverFooter>
        <EuiText size="xs" color="subdued" style={{ maxWidth: 320 }}>
          <p>
            Real-time log signing for Elasticsearch, compatible with the El Proxy ingest API of Würth Phoenix
            NetEye.
          </p>
        </EuiText>
      </EuiPopoverFooter>
    </EuiPopover>
  );
}
